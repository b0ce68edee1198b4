using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.DevHost.Tests.Infrastructure;

namespace TouchpointPipeline.DevHost.Tests.Timers;

/// <summary>Timer functions run on their NCRONTAB schedule with the host's TimerInfo payload (docs/host-protocol.md §5).</summary>
public sealed class TimerTriggerTests : IAsyncLifetime
{
    private readonly TestFunctionApp _app = new TestFunctionApp()
        .With("Sweep", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "myTimer", "schedule": "%TestSweepSchedule%" } ] }""")
        .With("Unmonitored", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 0 1 1 *", "runOnStartup": true, "useMonitor": false } ] }""");

    private FakeHandler _handler = null!;

    public async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable("TestSweepSchedule", "0 */5 * * * *");
        _handler = await FakeHandler.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _handler.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task Timer_AtItsSchedule_SendsTimerInfoWithScheduleStatus()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 4, 58, TimeSpan.Zero));
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, time);

        await Eventually.CountAsync(() => _handler.InvocationsOf("Sweep").Count(), 1, "the 10:05:00 run", between: () => time.Advance(TimeSpan.FromSeconds(1)));

        var json = _handler.InvocationsOf("Sweep").First().Json;
        var timer = json.GetProperty("Data").GetProperty("myTimer");
        Assert.Equal(JsonValueKind.Object, timer.ValueKind);
        Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        var status = timer.GetProperty("ScheduleStatus");
        Assert.Equal("0001-01-01T00:00:00", status.GetProperty("Last").GetString());
        Assert.Equal("2026-11-20T10:10:00+00:00", status.GetProperty("Next").GetString());
        Assert.EndsWith("+00:00", status.GetProperty("LastUpdated").GetString(), StringComparison.Ordinal);
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        var metadata = json.GetProperty("Metadata");
        Assert.Equal(["sys"], metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Sweep", metadata.GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Fact]
    public async Task Timer_RunOnStartupWithoutMonitor_RunsAtOnceWithNullScheduleStatus()
    {
        await using var host = await RunningDevHost.StartAsync(_app.Directory, _handler.Url, new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)));

        await Eventually.CountAsync(() => _handler.InvocationsOf("Unmonitored").Count(), 1, "the startup run");

        var timer = _handler.InvocationsOf("Unmonitored").First().Json.GetProperty("Data").GetProperty("t");
        Assert.Equal(JsonValueKind.Null, timer.GetProperty("ScheduleStatus").ValueKind);
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
    }
}
