using System.Text.Json;
using TouchpointPipeline.DevHost.EventHubs;
using TouchpointPipeline.DevHost.EventLog;

namespace TouchpointPipeline.Simulator.Observing;

/// <summary>
/// Watches the pipeline from inside the dev host, without adding load to the app: when a batch was accepted, its events
/// are in the embedded log, so it is stored once every ingest function has checkpointed past the log heads taken after
/// it (watermarks, each poll); alerts are read from the alerts hub as the app publishes them.
/// </summary>
internal sealed class PipelineObserver(EmbeddedLog log, EventHubTriggerService eventHubs, string alertsHub, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<(DateTimeOffset EmittedAt, int Count)> sentSinceMark = [];
    private readonly Queue<Watermark> watermarks = new();
    private readonly Dictionary<string, long> alertCursors = new(StringComparer.Ordinal);
    private readonly HashSet<string> alertIds = new(StringComparer.Ordinal);
    private long stored;

    public LatencyHistogram EmitToStored { get; } = new();

    public long Stored => Interlocked.Read(ref stored);

    public DateTimeOffset? LastStoredAt { get; private set; }

    public DateTimeOffset? FirstEmittedAt { get; private set; }

    public bool AllStored
    {
        get
        {
            lock (gate)
            {
                return sentSinceMark.Count == 0 && watermarks.Count == 0;
            }
        }
    }

    /// <summary>Call after the collector accepted a batch sent at <paramref name="emittedAt"/>.</summary>
    public void BatchAccepted(DateTimeOffset emittedAt, int count)
    {
        lock (gate)
        {
            sentSinceMark.Add((emittedAt, count));
            FirstEmittedAt ??= emittedAt;
        }
    }

    /// <summary>Advances the watermarks and returns the alerts published since the last poll.</summary>
    public IReadOnlyList<ObservedAlert> Poll()
    {
        var now = time.GetUtcNow();
        var pumps = eventHubs.Pumps.Where(p => !string.Equals(p.Partition.Hub, alertsHub, StringComparison.OrdinalIgnoreCase)).ToList();
        lock (gate)
        {
            while (watermarks.TryPeek(out var mark) && Reached(mark, pumps))
            {
                watermarks.Dequeue();
                foreach (var (emittedAt, count) in mark.Batches)
                {
                    EmitToStored.Record(now - emittedAt, count);
                    stored += count;
                }

                LastStoredAt = now;
            }

            if (sentSinceMark.Count > 0)
            {
                // Taken after the batches were accepted, so the heads are at or past each of their events.
                var heads = pumps.Select(p => (p, p.Partition.NextSequenceNumber)).ToList();
                watermarks.Enqueue(new Watermark([.. sentSinceMark], heads));
                sentSinceMark.Clear();
            }
        }

        return ReadAlerts(now);
    }

    private static bool Reached(Watermark mark, List<PartitionPump> pumps) =>
        mark.Heads.All(h => h.Next == 0 || (h.Pump.Status().Checkpoint ?? -1) >= h.Next - 1) && pumps.Count > 0;

    private List<ObservedAlert> ReadAlerts(DateTimeOffset now)
    {
        var found = new List<ObservedAlert>();
        if (!log.TryGetHub(alertsHub, out var hub))
        {
            return found;
        }

        foreach (var partition in hub.Partitions)
        {
            var from = alertCursors.GetValueOrDefault(partition.Id);
            while (true)
            {
                var messages = partition.Read(from, 1000);
                if (messages.Count == 0)
                {
                    break;
                }

                foreach (var message in messages)
                {
                    if (Parse(message.Body, now) is { } alert && alertIds.Add(alert.Id))
                    {
                        found.Add(alert);
                    }
                }

                from = messages[^1].SequenceNumber + 1;
            }

            alertCursors[partition.Id] = from;
        }

        return found;
    }

    private static ObservedAlert? Parse(string body, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new ObservedAlert(
                root.GetProperty("id").GetString()!,
                root.GetProperty("ruleId").GetString()!,
                root.GetProperty("severity").GetString() ?? string.Empty,
                root.GetProperty("customerKey").GetString()!,
                root.GetProperty("incidentEventId").GetString()!,
                root.GetProperty("createdAt").GetDateTimeOffset(),
                now);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Not an alert this simulator understands (another app's message on the hub): it is not counted.
            return null;
        }
    }

    private sealed record Watermark(IReadOnlyList<(DateTimeOffset EmittedAt, int Count)> Batches, IReadOnlyList<(PartitionPump Pump, long Next)> Heads);
}
