using System.Text.Json;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// An <c>azd</c> on PATH for running the postprovision hooks: answers <c>azd env get-values</c> with a given environment
/// (dotenv, or JSON with <c>--output json</c>, as azd does) and records the arguments of every call.
/// </summary>
public sealed class FakeAzd : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("touchpoint-fake-azd-").FullName;

    public FakeAzd(IReadOnlyDictionary<string, string> environment, int exitCode = 0)
    {
        File.WriteAllText(Path.Combine(_directory, "values.env"), Dotenv.Marshal(environment));
        File.WriteAllText(Path.Combine(_directory, "values.json"), JsonSerializer.Serialize(environment));
        var script = Path.Combine(BinDirectory, "azd");
        Directory.CreateDirectory(BinDirectory);
        File.WriteAllText(script, $$"""
            #!/bin/sh
            here=$(dirname -- "$0")/..
            printf '%s\n' "$*" >> "$here/calls.log"
            case " $* " in
              *" --output json "*) cat "$here/values.json" ;;
              *) cat "$here/values.env" ;;
            esac
            exit {{exitCode}}
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string BinDirectory => Path.Combine(_directory, "bin");

    /// <summary>Where a hook under test writes local.settings.json.</summary>
    public string OutputFile => Path.Combine(_directory, "out", "local.settings.json");

    /// <summary>The arguments of each call, one line per call.</summary>
    public IReadOnlyList<string> Calls =>
        File.Exists(Path.Combine(_directory, "calls.log")) ? File.ReadAllLines(Path.Combine(_directory, "calls.log")) : [];

    public Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? environmentName) =>
        ProcessRunner.RunAsync(fileName, arguments, TimeSpan.FromMinutes(1), new Dictionary<string, string>
        {
            ["PATH"] = BinDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["AZURE_ENV_NAME"] = environmentName ?? string.Empty,
        });

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
