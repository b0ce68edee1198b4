using System.Globalization;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>Reads a requirement from the app's own source, wherever the file lives under functions/.</summary>
public static class AppSource
{
    /// <summary>The value of the one <c>const int <paramref name="name"/> = n;</c> declared in functions/**/*.cs.</summary>
    public static int IntConstant(string name)
    {
        var pattern = new Regex($@"\bconst\s+int\s+{Regex.Escape(name)}\s*=\s*(\d+)\s*;");
        var found = Directory.EnumerateFiles(Repository.File("functions"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => pattern.Matches(File.ReadAllText(path)).Select(match => (path, match.Groups[1].Value)))
            .ToList();
        return found.Count == 1
            ? int.Parse(found[0].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"Expected one const int {name} under functions/, found {found.Count}: {string.Join(", ", found.Select(f => f.path))}");
    }
}
