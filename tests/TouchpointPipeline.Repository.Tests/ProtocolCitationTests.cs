using System.Text.RegularExpressions;

namespace TouchpointPipeline.Repository.Tests;

/// <summary>
/// Code and docs cite the host protocol by section ("docs/host-protocol.md §7.7"): every cited section must be a
/// heading of that file, so a reader who follows a citation lands on the text it means. The sign is kept for that
/// document: other specifications are cited by name and "section N" (CloudEvents HTTP binding section 3.1).
/// </summary>
public sealed partial class ProtocolCitationTests
{
    private const string ProtocolDoc = "docs/host-protocol.md";

    [GeneratedRegex(@"§\s?(\d+(?:\.\d+)*)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", RegexOptions.Multiline)]
    private static partial Regex NumberedHeading();

    [Fact]
    public void Citations_EverySectionSign_ResolvesToAHeadingOfTheProtocolDoc()
    {
        var sections = NumberedHeading().Matches(TrackedFiles.Read(ProtocolDoc)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var unresolved = new List<string>();
        var cited = 0;

        foreach (var file in TrackedFiles.TextFiles())
        {
            var lines = TrackedFiles.Read(file).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in Citation().Matches(lines[i]))
                {
                    cited++;
                    if (!sections.Contains(match.Groups[1].Value))
                    {
                        unresolved.Add($"{file}:{i + 1}: §{match.Groups[1].Value}");
                    }
                }
            }
        }

        Assert.True(cited > 50, $"expected the code to cite the protocol doc; found {cited} citations");
        Assert.True(unresolved.Count == 0, $"Citations with no heading in {ProtocolDoc}:\n" + string.Join('\n', unresolved));
    }

    [Fact]
    public void Citations_AnyTrackedFile_NamesTheProtocolDocNotAnUnnamedOne()
    {
        var vague = TrackedFiles.TextFiles()
            .Where(f => TrackedFiles.Read(f).Contains("protocol" + " doc ", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(vague.Count == 0, $"Say {ProtocolDoc} instead of \"protocol doc\" in:\n" + string.Join('\n', vague));
    }

    [Fact]
    public void Citations_FileWithASectionSign_NamesTheProtocolDoc()
    {
        var unnamed = TrackedFiles.TextFiles()
            .Where(f => f != ProtocolDoc && TrackedFiles.Read(f).Contains('§', StringComparison.Ordinal))
            .Where(f => !TrackedFiles.Read(f).Contains("host-protocol.md", StringComparison.Ordinal))
            .ToList();

        Assert.True(unnamed.Count == 0, $"These files cite sections without naming {ProtocolDoc} anywhere:\n" + string.Join('\n', unnamed));
    }

    [Fact]
    public void ProtocolDoc_Headings_CoverTheSectionsTheHandlerImplements()
    {
        var sections = NumberedHeading().Matches(TrackedFiles.Read(ProtocolDoc)).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(sections.Distinct(StringComparer.Ordinal).Count(), sections.Count);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "2.3", "4.2", "5", "6.2", "7.5", "7.6", "7.7" }, sections.ToHashSet(StringComparer.Ordinal));
    }
}
