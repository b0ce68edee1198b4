using System.Reflection;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>Paths of the repository files the deployment tests read, and of the Bicep CLI from NuGet.</summary>
public static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string FunctionAppDirectory { get; } = Path.Combine(Root, "functions", "TouchpointPipeline.Functions");

    /// <summary>Where the source tree keeps the function.json files (FunctionMetadata/&lt;Function&gt;/function.json).</summary>
    public static string FunctionMetadataDirectory { get; } = Path.Combine(FunctionAppDirectory, "FunctionMetadata");

    public static string MainBicep { get; } = Path.Combine(Root, "infra", "main.bicep");

    public static string LocalSettingsSample { get; } = Path.Combine(Root, "local.settings.sample.json");

    public static string File(params string[] relativeParts) => Path.Combine([Root, .. relativeParts]);

    /// <summary>tools/bicep of the Azure.Bicep.CommandLine.linux-x64 package, made executable if the cache lost the bit.</summary>
    public static string BicepExecutable()
    {
        var path = Path.Combine(Metadata("BicepPackagePath"), "tools", "bicep");
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException("Bicep CLI not found; restore Azure.Bicep.CommandLine.linux-x64.", path);
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = System.IO.File.GetUnixFileMode(path);
        if ((mode & execute) != execute)
        {
            System.IO.File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty.");
}
