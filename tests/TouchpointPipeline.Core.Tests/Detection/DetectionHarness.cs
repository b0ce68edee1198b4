using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Detection.Rules;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>Detection and sweep over the shipped rules, in-memory stores and a fake clock.</summary>
internal sealed class DetectionHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public DetectionHarness(DetectionOptions? options = null, Func<InMemoryDetectorStateStore, IDetectorStateStore>? wrapStates = null)
    {
        var states = wrapStates?.Invoke(States) ?? States;
        var detection = Options.Create(options ?? new DetectionOptions());
        Rules = RuleLoader.LoadFolder(Path.Combine(AppContext.BaseDirectory, "rules"));
        var engine = new DetectionEngine(Rules, detection);
        Detection = new DetectionService(engine, states, Alerts, detection, Clock, NullLogger<DetectionService>.Instance);
        Sweep = new SweepService(engine, states, Alerts, new AlertWorkflow(Alerts, Options.Create(new AlertOptions()), Clock), detection, Clock, NullLogger<SweepService>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(T0);
    public InMemoryDetectorStateStore States { get; } = new();
    public InMemoryAlertStore Alerts { get; } = new();
    public RuleSet Rules { get; }
    public DetectionService Detection { get; }
    public SweepService Sweep { get; }

    /// <summary>Every alert published so far, by ingest and sweep, in publication order.</summary>
    public List<Alert> Published { get; } = [];

    public async Task<IReadOnlyList<Alert>> IngestAsync(IReadOnlyList<TimelineItem> batch, bool isRetry = false)
    {
        var batchId = string.Join(",", batch.Select(i => i.Id));
        var alerts = await Detection.DetectAsync(batch, batchId, isRetry, TestContext.Current.CancellationToken);
        lock (Published)
        {
            Published.AddRange(alerts);
        }

        return alerts;
    }

    public async Task<SweepResult> SweepAsync()
    {
        var result = await Sweep.SweepAsync(isPastDue: false, TestContext.Current.CancellationToken);
        Published.AddRange(result.Raised);
        return result;
    }
}
