using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Functions.Hosting.FaultInjection;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Hosting.FaultInjection;

/// <summary>
/// The fault-injection drill's decorators through the real function endpoints: off without a plan file; with one, the
/// plan is followed as it changes, and every injected fault is logged next to it.
/// </summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tp-faults-").FullName;
    private readonly PipelineAppFactory _app;

    public FaultInjectionTests() =>
        _app = new PipelineAppFactory(settings: new Dictionary<string, string?>
        {
            ["FaultInjection:PlanFile"] = Path.Combine(_folder, "faults.json"),
            ["FaultInjection:RefreshInterval"] = "00:00:00",
        });

    private string PlanFile => Path.Combine(_folder, "faults.json");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task IngestClickstream_TimelineDownThenUp_FailsWhileDownThenStoresAndLogsTheFault()
    {
        var payload = EventHubPayloads.EventHubBatch([TestEvents.Click("fi-1", "cust-fi")], retry: (0, -1));
        await File.WriteAllTextAsync(PlanFile, """{ "timelineDown": true }""", TestContext.Current.CancellationToken);

        using var down = await _app.InvokeAsync("IngestClickstream", payload);
        await File.WriteAllTextAsync(PlanFile, """{ "timelineDown": false }""", TestContext.Current.CancellationToken);
        using var up = await _app.InvokeAsync("IngestClickstream", payload);

        Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Single(await _app.ReadTimelineAsync("cust-fi"));
        Assert.Contains(File.ReadAllLines(PlanFile + ".log"), l => l.StartsWith(FaultKinds.TimelineDown + " ", StringComparison.Ordinal));
        Assert.Empty(_app.ParkedFiles());
    }

    [Fact]
    public async Task SweepPatterns_FailAfterSaveRateOne_Answers500AndLogsTheFault()
    {
        await File.WriteAllTextAsync(PlanFile, """{ "sweepFailAfterSaveRate": 1 }""", TestContext.Current.CancellationToken);

        using var response = await _app.InvokeAsync("SweepPatterns", TimerPayloads.Timer());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(File.ReadAllLines(PlanFile + ".log"), l => l.StartsWith(FaultKinds.SweepFailAfterSave + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddFaultInjection_NoPlanFileSetting_TimelineStoreNotWrapped()
    {
        await using var plain = new PipelineAppFactory();

        var store = plain.Services.GetRequiredService<ITimelineStore>();

        Assert.IsNotType<FaultInjectingTimelineStore>(store);
        Assert.IsType<FaultInjectingTimelineStore>(_app.Services.GetRequiredService<ITimelineStore>());
    }
}
