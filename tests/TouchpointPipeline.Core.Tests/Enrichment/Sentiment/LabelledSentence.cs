using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

/// <summary>One row of dev.tsv / test.tsv: <c>label&lt;TAB&gt;text</c> after a header row.</summary>
internal sealed record LabelledSentence(SentimentLabel Label, string Text)
{
    public static IReadOnlyList<LabelledSentence> Load(string fileName) => LoadFrom(Path.Combine("Enrichment", "Sentiment", fileName));

    /// <summary>Loads a set by its path under the test output folder (public sets are in Enrichment/Data).</summary>
    public static IReadOnlyList<LabelledSentence> LoadFrom(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        return File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(columns => new LabelledSentence(Enum.Parse<SentimentLabel>(columns[0], ignoreCase: true), columns[1]))
            .ToList();
    }
}
