using System.Text.RegularExpressions;

namespace TouchpointPipeline.Repository.Tests;

public sealed partial class MachinePathTests
{
    // Absolute paths that exist only on somebody's machine: a clone elsewhere would find nothing there. /home/site/ is
    // the app root Azure Functions itself uses, named in the docs on purpose.
    [GeneratedRegex(@"(?<![\w.$/-])(/work/|/home/(?!site/)[a-z]|/Users/[A-Za-z]|/root/|[A-Za-z]:\\Users\\)")]
    private static partial Regex MachinePath();

    [Fact]
    public void TrackedFiles_AnyTextFile_NamesNoAbsoluteMachinePath()
    {
        var found = new List<string>();

        // This file holds the pattern and its samples.
        foreach (var file in TrackedFiles.TextFiles().Where(f => !f.EndsWith("/MachinePathTests.cs", StringComparison.Ordinal)))
        {
            var lines = TrackedFiles.Read(file).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (MachinePath().IsMatch(lines[i]))
                {
                    found.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Absolute machine paths (use a path relative to the repository):\n" + string.Join('\n', found));
    }

    [Theory]
    [InlineData("see /work/" + "shared/custom-handler-protocol.md", true)]
    [InlineData("cd /home/alice/src", true)]
    [InlineData(@"C:\Users\bob\source", true)]
    [InlineData("docs/host-protocol.md and https://example.org/work/x", false)]
    [InlineData("/usr/bin/chromium", false)]
    [InlineData("the app root, e.g. `/home/site/wwwroot`", false)]
    public void MachinePath_Samples_MatchOnlyMachinePaths(string text, bool expected)
    {
        Assert.Equal(expected, MachinePath().IsMatch(text));
    }
}
