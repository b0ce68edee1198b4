using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

/// <summary>One row of dev.tsv / test.tsv: <c>label&lt;TAB&gt;text</c> after a header row.</summary>
internal sealed record LabelledSentence(SentimentLabel Label, string Text)
{
    public static IReadOnlyList<LabelledSentence> Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Enrichment", "Sentiment", fileName);
        return File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(columns => new LabelledSentence(Enum.Parse<SentimentLabel>(columns[0], ignoreCase: true), columns[1]))
            .ToList();
    }
}
