using System.Text.Json;

namespace TouchpointPipeline.DevHost.Tests.FaultInjection;

/// <summary>
/// The drill's side of the handler's <c>FaultInjection:PlanFile</c>: writes the plan (atomically, so the handler never
/// reads half a file) and counts the faults the handler logged next to it.
/// </summary>
internal sealed class FaultPlanFile(string path)
{
    public string Path { get; } = path;

    public void Write(double timelineFailureRate = 0, bool timelineDown = false, double sweepFailAfterSaveRate = 0, double timelineBugRate = 0, int seed = 12)
    {
        var temp = Path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new { timelineFailureRate, timelineDown, sweepFailAfterSaveRate, timelineBugRate, seed }));
        File.Move(temp, Path, overwrite: true);
    }

    /// <summary>Injected faults by kind, from the handler's log (<c>&lt;plan&gt;.log</c>, one line per fault).</summary>
    public IReadOnlyDictionary<string, int> Injected() =>
        !File.Exists(Path + ".log")
            ? new Dictionary<string, int>(StringComparer.Ordinal)
            : File.ReadAllLines(Path + ".log")
                .Where(l => l.Length > 0)
                .GroupBy(l => l.Split(' ')[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
