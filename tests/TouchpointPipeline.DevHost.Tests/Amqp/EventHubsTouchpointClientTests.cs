using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.DevHost.Amqp;
using TouchpointPipeline.DevHost.Tests.Infrastructure;
using TouchpointPipeline.Sdk;
using TouchpointPipeline.Sdk.EventHubs;

namespace TouchpointPipeline.DevHost.Tests.Amqp;

/// <summary>The .NET SDK's Event Hubs transport publishing into the dev host (real app) over AMQP.</summary>
public sealed class EventHubsTouchpointClientTests
{
    [Fact]
    public async Task TrackAsync_10000EventsWhileTheListenerDropsConnections_EveryEventStoredExactlyOnce()
    {
        await using var host = await RunningDevHost.StartAsync(appPath: null, handlerUrl: null);
        var listener = host.Services.GetRequiredService<EventHubsAmqpListener>();
        var options = new EventHubsTouchpointClientOptions { MaxBatchSize = 200, QueueFullMode = QueueFullMode.Wait };
        options.Retry.MaxRetries = 30;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        var dropped = 0;
        var connectionsCut = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var stopDropping = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var dropping = Task.Run(async () =>
        {
            // Injected failures: every connection is cut every 250 ms while the client sends.
            while (!stopDropping.IsCancellationRequested)
            {
                await Task.Delay(250, CancellationToken.None);
                Interlocked.Add(ref connectionsCut, listener.DropConnections());
            }
        }, CancellationToken.None);

        await using (var client = new EventHubsTouchpointClient(host.Services.GetRequiredService<AmqpEndpoint>().ConnectionString, "cc/genesys", options))
        {
            client.EventsDropped += (_, e) => Interlocked.Add(ref dropped, e.Events.Count);
            for (var i = 0; i < 10_000; i++)
            {
                var tracked = await client.TrackAsync(
                    TouchpointEvents.PageViewed($"https://shop.example/p/{i % 300}").ForCustomer($"ehsdk-{i % 50:D2}"),
                    TestContext.Current.CancellationToken);
                ids.Add(tracked!.Id);
            }
        }

        await stopDropping.CancelAsync();
        await dropping;
        await Eventually.UntilAsync(host.StatusAsync, s => s.GetProperty("idle").GetBoolean() && s.GetProperty("pending").GetInt64() == 0 && CountTimelineRows(host.DataPath).Rows >= 10_000,
            "all events stored", TimeSpan.FromMinutes(4));
        var stored = CountTimelineRows(host.DataPath);

        Assert.Equal(0, dropped);
        Assert.Equal(10_000, ids.Count);
        Assert.InRange(connectionsCut, 1, int.MaxValue);
        Assert.Equal(10_000, stored.Rows);
        Assert.Equal(10_000, stored.DistinctIds);
        TestContext.Current.SendDiagnosticMessage($"{connectionsCut} connections cut while sending");
    }

    private static (long Rows, long DistinctIds) CountTimelineRows(string dataPath)
    {
        var database = Path.Combine(dataPath, "touchpoints.db");
        if (!File.Exists(database))
        {
            return (0, 0);
        }

        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT id) FROM timeline";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
