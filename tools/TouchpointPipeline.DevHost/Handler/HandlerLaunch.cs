using System.Diagnostics;
using System.Text.RegularExpressions;
using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.DevHost.Handler;

/// <summary>
/// Builds the handler's command line as the host does from <c>customHandler.description</c> (docs/host-protocol.md §1.1):
/// <c>defaultExecutablePath</c> (under the worker directory if the file exists there, else from PATH), then
/// <c>arguments</c>, the quoted <c>defaultWorkerPath</c> and <c>workerArguments</c>, each with <c>%VAR%</c> expanded
/// from the child's environment and unresolved references removed; working directory relative to the app root.
/// </summary>
internal static partial class HandlerLaunch
{
    public static ProcessStartInfo Create(FunctionAppManifest app, IReadOnlyDictionary<string, string> environment)
    {
        var description = app.Host.Handler;
        var workerDirectory = Path.GetFullPath(Path.Combine(app.RootDirectory, description.WorkerDirectory ?? string.Empty));
        var executable = Expand(description.DefaultExecutablePath, environment);
        var arguments = new List<string>();
        var local = Path.Combine(workerDirectory, executable);
        if (File.Exists(local))
        {
            executable = local;
        }
        else if (!Path.IsPathRooted(executable) && File.Exists(local + ".dll"))
        {
            // A framework-dependent build without an apphost (UseAppHost=false): run the same entry point through dotnet.
            arguments.Add(local + ".dll");
            executable = environment.TryGetValue("DOTNET_HOST_PATH", out var dotnet) && File.Exists(dotnet) ? dotnet : "dotnet";
        }

        arguments.AddRange(description.Arguments.Select(a => Expand(a, environment)));
        if (description.DefaultWorkerPath is { Length: > 0 } workerPath)
        {
            arguments.Add(Expand(workerPath, environment));
        }

        arguments.AddRange(description.WorkerArguments.Select(a => Expand(a, environment)));
        var start = new ProcessStartInfo(executable, arguments.Where(a => a.Length > 0))
        {
            WorkingDirectory = Path.GetFullPath(Path.Combine(app.RootDirectory, description.WorkingDirectory ?? string.Empty)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> environment) =>
        Reference().Replace(text, m => environment.TryGetValue(m.Groups[1].Value, out var value) ? value : Environment.GetEnvironmentVariable(m.Groups[1].Value) ?? string.Empty);

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
