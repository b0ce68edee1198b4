using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Collector.Publishing;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using TouchpointPipeline.Sdk.Tests.Infrastructure;

namespace TouchpointPipeline.Sdk.Tests;

/// <summary>The SDK against the real collector in the real function app, its publisher feeding the real ingest pipeline.</summary>
public sealed class CollectorAcceptanceTests
{
    private const string WriteKey = "sdk-acceptance-key-0123456789";
    private const string IdentitySecret = "sdk-acceptance-identity-secret-0123456789";

    private static PipelineAppFactory App() => new(
        services => services.AddSingleton<IEventPublisher>(sp => new PipelineFeedingPublisher(sp)),
        new Dictionary<string, string?>
        {
            ["Collector:WriteKeys:shop:Key"] = WriteKey,
            ["Collector:WriteKeys:shop:Kind"] = "Browser",
            ["Collector:WriteKeys:shop:Sources:0"] = "web/shop",
            ["Collector:RateLimit:TokenLimit"] = "100000",
            ["Collector:RateLimit:EventTokenLimit"] = "1000000",
            ["Collector:WriteKeys:shop:IdentitySecret"] = IdentitySecret,
        });

    [Fact]
    public async Task TrackAsync_10000EventsThroughACollectorFailing30Percent_EveryEventInTheTimelineExactlyOnce()
    {
        await using var app = App();
        var network = new FlakyNetwork(app.Server.CreateHandler(), failureRate: 0.3, seed: 20261122);
        var options = new TouchpointClientOptions { Transport = network, MaxBatchSize = 100, QueueFullMode = QueueFullMode.Wait };
        options.Retry.MaxRetries = 30;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        var dropped = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);

        await using (var client = new TouchpointClient(app.Server.BaseAddress, WriteKey, "web/shop", options))
        {
            client.EventsDropped += (_, e) => Interlocked.Add(ref dropped, e.Events.Count);
            for (var i = 0; i < 10_000; i++)
            {
                var tracked = await client.TrackAsync(
                    TouchpointEvents.ElementClicked("#buy", i % 1000, 20, "https://shop.example/p").ForCustomer($"cust-{i % 50:D2}").InSession("s-1"),
                    TestContext.Current.CancellationToken);
                ids.Add(tracked!.Id);
            }
        }

        Assert.Equal(0, dropped);
        Assert.Equal(10_000, ids.Count);
        Assert.InRange(network.FailedBefore, 1, int.MaxValue);
        Assert.InRange(network.FailedAfter, 1, int.MaxValue);
        var stored = CountTimelineRows(app.DataPath);
        Assert.Equal(10_000, stored.Rows);
        Assert.Equal(10_000, stored.DistinctIds);
        TestContext.Current.SendDiagnosticMessage($"{network.Requests} requests, {network.FailedBefore} failed before the collector, {network.FailedAfter} after it");
    }

    [Fact]
    public async Task DisposeAsync_WithAPartialBatchQueued_DeliversItToTheTimeline()
    {
        await using var app = App();
        var options = new TouchpointClientOptions { Transport = app.Server.CreateHandler(), FlushInterval = TimeSpan.FromHours(1) };

        await using (var client = new TouchpointClient(app.Server.BaseAddress, WriteKey, "web/shop", options))
        {
            for (var i = 0; i < 37; i++)
            {
                await client.TrackAsync(TouchpointEvents.PageViewed($"https://shop.example/{i}").ForAnonymous("visitor-1"), TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(37, (await app.ReadTimelineAsync("anon:visitor-1")).Count);
    }

    [Fact]
    public async Task TrackAsync_LoginsThroughAKeyThatVerifiesIdentities_OnlyTheSignedOneLinked()
    {
        await using var app = App();
        var options = new TouchpointClientOptions { Transport = app.Server.CreateHandler(), FlushInterval = TimeSpan.FromHours(1) };
        var dropped = new List<DroppedEvent>();

        await using (var client = new TouchpointClient(app.Server.BaseAddress, WriteKey, "web/shop", options))
        {
            client.EventsDropped += (_, e) => { lock (dropped) { dropped.AddRange(e.Events); } };
            await client.TrackAsync(TouchpointEvents.CustomerIdentified("login").ForCustomer("cust-7").ForAnonymous("phone").WithUserHash(TouchpointEvents.UserHash(IdentitySecret, "cust-7")), TestContext.Current.CancellationToken);
            await client.TrackAsync(TouchpointEvents.CustomerIdentified("login").ForCustomer("cust-7").ForAnonymous("forger"), TestContext.Current.CancellationToken);
        }

        using var identity = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/api/customers/cust-7/identity", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal(["phone"], identity.RootElement.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("anonymousId").GetString()));
        var refused = Assert.Single(dropped);
        Assert.Equal("identity_not_verified", refused.Reason);
    }

    private static (long Rows, long DistinctIds) CountTimelineRows(string dataPath)
    {
        var database = Path.Combine(dataPath, TouchpointPipeline.Storage.Sqlite.SqliteStorageOptions.DatabaseFileName);
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT id) FROM timeline";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
