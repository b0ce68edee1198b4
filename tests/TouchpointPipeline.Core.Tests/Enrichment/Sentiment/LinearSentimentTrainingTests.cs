using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

/// <summary>
/// The shipped classifier weights are exactly what the training command produces from the recorded training data.
/// Retrain (after changing the features, the trainer or the data) with
/// <c>TOUCHPOINT_WRITE_SENTIMENT_WEIGHTS=1 dotnet test --project tests/TouchpointPipeline.Core.Tests -c Release --filter-method "*Train_TrainHalves_ReproducesShippedWeights*"</c>,
/// which rewrites <c>functions/TouchpointPipeline.Core/Enrichment/Sentiment/sentiment-linear-weights.txt</c>.
/// </summary>
public sealed class LinearSentimentTrainingTests
{
    private const string WriteVariable = "TOUCHPOINT_WRITE_SENTIMENT_WEIGHTS";

    // The three UCI .dev halves come first in the training data; our chat rows follow.
    private const int ReviewSentences = 1500;

    [Fact]
    public void Train_TrainHalves_ReproducesShippedWeights()
    {
        var hash = LinearSentimentTrainer.TrainingDataHash();

        var trained = new LinearSentimentTrainer().Train(LinearSentimentTrainer.LoadTrainingData(), hash);

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllText(ShippedWeightsPath(), trained);
            return;
        }

        var shipped = LinearSentimentModel.Default;
        var retrained = LinearSentimentModel.Parse(trained);
        Assert.Equal(hash, shipped.DataHash);
        Assert.Equal(retrained.Bias, shipped.Bias, 1e-5);
        Assert.Equal(retrained.LexiconWeight, shipped.LexiconWeight, 1e-5);
        var differing = 0;
        for (var slot = 0; slot < SentimentFeatures.Buckets; slot++)
        {
            differing += Math.Abs(retrained.Weights[slot] - shipped.Weights[slot]) > 1e-5 ? 1 : 0;
        }

        Assert.Equal(0, differing);
    }

    [Fact]
    public void CrossValidate_TrainHalves_WritesTuningReport()
    {
        // Five folds of the training halves give out-of-fold scores to choose the trainer's L2 and the combination
        // constants without touching the held-out halves; our chat dev set checks the neutral class.
        var data = LinearSentimentTrainer.LoadTrainingData();
        var chatDev = LabelledSentence.Load("dev.tsv");
        var lexicon = new LexiconSentimentScorer();
        var report = new StringBuilder("l2 noWordConfidence -> out-of-fold accuracy on the review training halves | chat dev accuracy, macro-F1 (in-sample: chat dev is training data)\n");
        foreach (var l2 in new[] { 1e-2, 3e-2 })
        {
            var folds = Enumerable.Range(0, 5).Select(fold =>
            {
                var model = LinearSentimentModel.Parse(new LinearSentimentTrainer(l2).Train([.. data.Where((_, i) => i % 5 != fold)], "cv"));
                return (Model: model, Held: data.Where((s, i) => i % 5 == fold && i < ReviewSentences).ToList());
            }).ToList();
            var full = LinearSentimentModel.Parse(new LinearSentimentTrainer(l2).Train(data, "cv"));
            foreach (var confidence in new[] { 0.0, 0.2, 0.4, 0.6, 0.8 })
            {
                var heldCount = folds.Sum(f => f.Held.Count);
                var correct = folds.Sum(f => f.Held.Count(s => new CombinedSentimentScorer(lexicon, f.Model, confidence, questionsNeutral: true).Score(s.Text).Label == s.Label));
                var chat = SentimentEvaluation.Run(new CombinedSentimentScorer(lexicon, full, confidence, questionsNeutral: true), chatDev);
                report.AppendLine(CultureInfo.InvariantCulture, $"{l2,6} {confidence,5} -> {(double)correct / heldCount:F3} | {chat.Accuracy:F3} {chat.MacroF1:F3}");
            }
        }

        var alone = SentimentEvaluation.Run(lexicon, chatDev);
        report.AppendLine(CultureInfo.InvariantCulture, $"lexicon alone: chat dev {alone.Accuracy:F3} {alone.MacroF1:F3}; reviews {(double)data.Take(ReviewSentences).Count(s => lexicon.Score(s.Text).Label == s.Label) / ReviewSentences:F3}");
        var chosen = SentimentEvaluation.Run(new CombinedSentimentScorer(), chatDev);
        foreach (var (sentence, predicted) in chosen.Errors)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  chat dev: expected {sentence.Label,-8} got {predicted.Label,-8} {predicted.Score,7:F3}  {sentence.Text}");
        }

        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "sentiment-tuning.txt"), report.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.Contains("->", report.ToString(), StringComparison.Ordinal);
    }

    private static string ShippedWeightsPath([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "..", "functions", "TouchpointPipeline.Core", "Enrichment", "Sentiment", "sentiment-linear-weights.txt"));
}
