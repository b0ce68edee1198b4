namespace TouchpointPipeline.TestTools;

/// <summary>The checkout the tests run from: the folder holding <c>TouchpointPipeline.sln</c> above the test output.</summary>
public static class RepositoryRoot
{
    public static string Find()
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

    /// <summary>
    /// A file installed by <c>npm ci</c> in <c>tests/node_modules</c> (this project's build runs it), or a clear error
    /// naming the package when it is missing.
    /// </summary>
    public static string NpmToolPath(string packageName, params string[] pathInNodeModules)
    {
        var path = Path.Combine([Find(), "tests", "node_modules", .. pathInNodeModules]);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{packageName} is not installed: run `npm ci --prefix tests` (looked for {path}).");
        }

        return path;
    }
}
