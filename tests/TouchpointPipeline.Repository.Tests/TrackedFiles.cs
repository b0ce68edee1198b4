using System.Diagnostics;

namespace TouchpointPipeline.Repository.Tests;

/// <summary>The repository's tracked text files, as git lists them (what a clone gets), with their contents.</summary>
internal static class TrackedFiles
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".props", ".targets", ".sln", ".md", ".json", ".js", ".mjs", ".html", ".css", ".bicep",
        ".yaml", ".yml", ".sh", ".ps1", ".txt", ".tsv", ".editorconfig", ".gitignore", "",
    };

    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<string> TextFiles() => ListFiles()
        .Where(f => TextExtensions.Contains(Path.GetExtension(f)) && !f.Contains("package-lock.json", StringComparison.Ordinal))
        .ToList();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static List<string> ListFiles()
    {
        using var git = Process.Start(new ProcessStartInfo("git", "ls-files -z")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(Root, f))).ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TouchpointPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TouchpointPipeline.sln not found above the test's output folder.");
    }
}
