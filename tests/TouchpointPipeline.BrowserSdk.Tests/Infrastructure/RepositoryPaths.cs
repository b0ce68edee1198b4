namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>Folders of the repository the tests read: the SDK, its build and the demo shop.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sdk => Path.Combine(Root, "sdk", "js");

    public static string SdkDist => Path.Combine(Sdk, "dist");

    public static string Demo => Path.Combine(Sdk, "demo");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TouchpointPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TouchpointPipeline.sln not found above {AppContext.BaseDirectory}.");
    }
}
