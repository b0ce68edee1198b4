using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;
using TouchpointPipeline.Storage.DeadLetters;
using TouchpointPipeline.Storage.Sqlite;
using TouchpointPipeline.Storage.Tests.DeadLetters;
using TouchpointPipeline.Storage.Tests.Timelines;

namespace TouchpointPipeline.Storage.Tests.Privacy;

/// <summary>
/// The purge of the embedded stores (SQLite and the local dead-letter folders) as the sweep runs it, on a fake clock:
/// each kind of record goes when its own retention has passed, not before.
/// </summary>
public sealed class RetentionPurgeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = TimelineItems.BaseTime;
    private readonly string _folder = Directory.CreateTempSubdirectory("tp-retention-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ServiceProvider _services;
    private readonly RetentionPurger _purger;

    public RetentionPurgeTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = _folder }).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSqliteStores(o => o.DataPath = _folder)
            .AddDeadLetterStores(configuration)
            .BuildServiceProvider();
        _purger = new RetentionPurger(
            _services.GetServices<IRetentionPurge>(), Options.Create(new RetentionOptions()), _time, NullLogger<RetentionPurger>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PurgeIfDueAsync_AsEachRetentionPasses_DeletesThatKindOnly()
    {
        await SeedAsync();

        var atStart = await _purger.PurgeIfDueAsync(Ct);
        _time.Advance(TimeSpan.FromDays(29));
        var day29 = await _purger.PurgeIfDueAsync(Ct);
        var stateBefore = await States.GetAsync("ann", Ct);
        _time.Advance(TimeSpan.FromDays(2));
        var day31 = await _purger.PurgeIfDueAsync(Ct);
        var stateAfter = await States.GetAsync("ann", Ct);
        var timelineOnDay31 = (await Timelines.GetPageAsync("ann", new TimelineQuery(10, null), Ct)).Items;
        _time.Advance(TimeSpan.FromDays(365));
        var day396 = await _purger.PurgeIfDueAsync(Ct);

        Assert.Equal(0, atStart);
        Assert.Equal(0, day29);
        Assert.NotNull(stateBefore);
        // Day 31: detector state, the pending check, the quarantine file and the parked batch (30 days each).
        Assert.Equal(4, day31);
        Assert.Null(stateAfter);
        Assert.Single(timelineOnDay31);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "quarantine"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "parked"), "*", SearchOption.AllDirectories));
        // Day 396: the timeline item, the identity link and the alert (395 days); the tombstone (400 days) stays.
        Assert.Equal(3, day396);
        Assert.Empty((await Timelines.GetPageAsync("ann", new TimelineQuery(10, null), Ct)).Items);
        Assert.Empty(await Identities.GetLinksAsync("ann", Ct));
        Assert.Null(await Alerts.GetAsync("al-1", Ct));
        Assert.Equal(["sha256:t1"], await Erasure.GetTombstonesAsync(Ct));
    }

    [Fact]
    public async Task PurgeIfDueAsync_WithinTheInterval_RunsOnce()
    {
        await SeedAsync();
        _time.Advance(TimeSpan.FromDays(31));

        var first = await _purger.PurgeIfDueAsync(Ct);
        await SeedStateAsync();
        _time.Advance(TimeSpan.FromMinutes(59));
        var withinInterval = await _purger.PurgeIfDueAsync(Ct);

        Assert.Equal(4, first);
        Assert.Equal(0, withinInterval);
        Assert.NotNull(await States.GetAsync("ann", Ct));
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ITimelineStore Timelines => _services.GetRequiredService<ITimelineStore>();

    private IIdentityStore Identities => _services.GetRequiredService<IIdentityStore>();

    private IAlertStore Alerts => _services.GetRequiredService<IAlertStore>();

    private IDetectorStateStore States => _services.GetRequiredService<IDetectorStateStore>();

    private IErasureStore Erasure => _services.GetRequiredService<IErasureStore>();

    private async Task SeedAsync()
    {
        await Timelines.AppendAsync([TimelineItems.Create("ann", "e-1", T0.AddSeconds(-2))], Ct);
        await Identities.LinkAsync(new IdentityLink("device-1", "ann", "e-1", "web/shop", T0), new IdentityLinkPolicy(5, TimeSpan.FromDays(7)), Ct);
        await Alerts.CreateAsync(new Alert
        {
            Id = "al-1", RuleId = "rage-click", Severity = AlertSeverity.High, CustomerKey = "ann", IncidentEventId = "e-1",
            FirstEvidenceTime = T0, LastEvidenceTime = T0, EvidenceEventIds = ["e-1"], Summary = "Rage click.", SuggestedAction = "Help.", CreatedAt = T0,
        }, Ct);
        await SeedStateAsync();
        await States.AddPendingAsync(new PendingCheck("chk-1", "ann", "checkout-abandoned-after-error", "e-1", T0.AddMinutes(30)), Ct);
        await Erasure.AddTombstonesAsync(["sha256:t1"], T0, Ct);
        await _services.GetRequiredService<IQuarantineStore>().WriteAsync(DeadLetterSamples.Batch(), Ct);
        await _services.GetRequiredService<IParkedBatchStore>().ParkAsync(DeadLetterSamples.Parked("{\"Data\":{}}"), Ct);
        // The folders count from the file's last write: set it on the fake clock's day.
        foreach (var file in Directory.GetFiles(_folder, "*.json*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, T0.UtcDateTime);
        }
    }

    private async Task SeedStateAsync()
    {
        var stored = await States.GetAsync("ann", Ct);
        var state = new DetectorState("ann", [new StateEvent("e-1", "page.viewed", "web", _time.GetUtcNow(), new Dictionary<string, string>())], [], []);
        Assert.True(await States.TrySaveAsync(state, stored?.ETag, Ct));
    }
}
