using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

/// <summary>
/// Measures the scorer on the held-out test.tsv (never used for tuning; dev.tsv is). The figures are printed so that
/// they show in the test output and can be quoted.
/// </summary>
public sealed class LexiconSentimentScorerEvaluationTests
{
    private readonly LexiconSentimentScorer _scorer = new();

    [Fact]
    public void Score_HeldOutTestSet_MeetsAccuracyAndMacroF1Targets()
    {
        var evaluation = SentimentEvaluation.Run(_scorer, LabelledSentence.Load("test.tsv"));

        Print(evaluation.Summary("test.tsv"));
        // The test runner hides a passing test's output: keep the figures in a report that .ci/run prints.
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "sentiment-evaluation.txt"),
            evaluation.Summary("test.tsv") + Environment.NewLine + evaluation.ConfusionTable() + Environment.NewLine);
        Assert.True(evaluation.Total >= 300, $"test.tsv has {evaluation.Total} sentences; at least 300 expected.");
        Assert.True(evaluation.Accuracy >= 0.80, $"accuracy {evaluation.Accuracy:F3} < 0.80");
        Assert.True(evaluation.MacroF1 >= 0.75, $"macro-F1 {evaluation.MacroF1:F3} < 0.75");
    }

    [Fact]
    public void Score_HeldOutTestSet_PrintsConfusionMatrix()
    {
        var evaluation = SentimentEvaluation.Run(_scorer, LabelledSentence.Load("test.tsv"));

        Print("test.tsv confusion matrix\n" + evaluation.ConfusionTable());
        Assert.Equal(evaluation.Total, evaluation.Confusion.Cast<int>().Sum());
    }

    [Fact]
    public void Score_DevSet_PrintsFiguresAndErrors()
    {
        var evaluation = SentimentEvaluation.Run(_scorer, LabelledSentence.Load("dev.tsv"));

        Print(evaluation.Summary("dev.tsv") + "\n" + evaluation.ConfusionTable());
        foreach (var (sentence, predicted) in evaluation.Errors)
        {
            Print($"  expected {sentence.Label,-8} got {predicted.Label,-8} {predicted.Score,7:F3}  {sentence.Text}");
        }

        Assert.True(evaluation.Total >= 90);
    }

    private static void Print(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }
}
