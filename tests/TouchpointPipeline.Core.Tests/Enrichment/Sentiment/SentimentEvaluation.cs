using System.Globalization;
using System.Text;
using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment.Sentiment;

/// <summary>Three-class accuracy, macro-F1 and confusion matrix of a scorer on a labelled set.</summary>
internal sealed class SentimentEvaluation
{
    private static readonly SentimentLabel[] Labels = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    private SentimentEvaluation(int[,] confusion, IReadOnlyList<(LabelledSentence Sentence, SentimentScore Predicted)> errors)
    {
        Confusion = confusion;
        Errors = errors;
    }

    /// <summary>Rows are the expected label, columns the predicted one, both in enum order.</summary>
    public int[,] Confusion { get; }

    public IReadOnlyList<(LabelledSentence Sentence, SentimentScore Predicted)> Errors { get; }

    public int Total => Confusion.Cast<int>().Sum();

    public double Accuracy => (double)Labels.Sum(l => Confusion[(int)l, (int)l]) / Total;

    /// <summary>Mean F1 over the labels the set contains (a two-class public set is not charged for an empty neutral class).</summary>
    public double MacroF1 => Labels.Where(l => Labels.Sum(p => Confusion[(int)l, (int)p]) > 0).Average(F1);

    public static SentimentEvaluation Run(ISentimentScorer scorer, IEnumerable<LabelledSentence> set)
    {
        var confusion = new int[Labels.Length, Labels.Length];
        var errors = new List<(LabelledSentence, SentimentScore)>();
        foreach (var sentence in set)
        {
            var predicted = scorer.Score(sentence.Text);
            confusion[(int)sentence.Label, (int)predicted.Label]++;
            if (predicted.Label != sentence.Label)
            {
                errors.Add((sentence, predicted));
            }
        }

        return new SentimentEvaluation(confusion, errors);
    }

    public double F1(SentimentLabel label)
    {
        var truePositives = Confusion[(int)label, (int)label];
        var predicted = Labels.Sum(l => Confusion[(int)l, (int)label]);
        var actual = Labels.Sum(l => Confusion[(int)label, (int)l]);
        return truePositives == 0 ? 0 : 2.0 * truePositives / (predicted + actual);
    }

    public string Summary(string setName) => string.Create(
        CultureInfo.InvariantCulture,
        $"{setName}: n={Total} accuracy={Accuracy:F3} macro-F1={MacroF1:F3} (F1 negative={F1(SentimentLabel.Negative):F3} neutral={F1(SentimentLabel.Neutral):F3} positive={F1(SentimentLabel.Positive):F3})");

    public string ConfusionTable()
    {
        var table = new StringBuilder();
        table.AppendLine("expected \\ predicted   negative   neutral  positive");
        foreach (var expected in Labels)
        {
            table.Append(CultureInfo.InvariantCulture, $"{expected,-20}");
            foreach (var predicted in Labels)
            {
                table.Append(CultureInfo.InvariantCulture, $"{Confusion[(int)expected, (int)predicted],10}");
            }

            table.AppendLine();
        }

        return table.ToString();
    }
}
