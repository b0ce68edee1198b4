namespace TouchpointPipeline.DevHost.Commands;

/// <summary>
/// Commands that talk to a running dev host (or handler) and exit, instead of running a host:
/// <c>devhost &lt;command&gt; …</c>. Arguments that do not start with a command name are the host's own switches.
/// </summary>
internal static class DevHostCommands
{
    /// <summary>One entry per command; each gets the arguments after its name and returns the process exit code.</summary>
    private static readonly Dictionary<string, Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["replay"] = ReplayCommand.RunAsync,
        ["export"] = (args, output, error, cancellationToken) => DataSubjectCommand.RunAsync(["export", .. args], output, error, cancellationToken),
        ["erase"] = (args, output, error, cancellationToken) => DataSubjectCommand.RunAsync(["erase", .. args], output, error, cancellationToken),
    };

    /// <summary>The command named by the first argument, or null to run the host.</summary>
    public static Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>>? Find(string[] args) =>
        args.Length > 0 && Commands.TryGetValue(args[0], out var command) ? command : null;
}
