namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// The function app packaged by infra/scripts/package.sh (the azd prepackage hook): a self-contained linux-x64
/// publish into a temporary folder, with bin/ and obj/ kept out of the source tree.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("touchpoint-package-").FullName;

    public string Root => Path.Combine(_workDirectory, "package");

    public ProcessResult Result { get; private set; } = new(-1, string.Empty, string.Empty);

    public async ValueTask InitializeAsync()
    {
        Result = await ProcessRunner.RunAsync(
            "sh",
            [Repository.File("infra", "scripts", "package.sh"), Root],
            TimeSpan.FromMinutes(8),
            new Dictionary<string, string> { ["PACKAGE_ARTIFACTS_PATH"] = Path.Combine(_workDirectory, "artifacts") });
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_workDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
