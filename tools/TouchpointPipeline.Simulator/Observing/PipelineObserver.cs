using System.Text.Json;
using TouchpointPipeline.Simulator.Reporting;

namespace TouchpointPipeline.Simulator.Observing;

/// <summary>
/// Watches the pipeline from the host, without adding load to the app: when a batch was accepted, its events are in
/// the log, so it is stored once every ingest function has checkpointed past the log heads taken after it
/// (watermarks, each poll); alerts are read from the alerts hub as the app publishes them.
/// </summary>
internal sealed class PipelineObserver(ISimulationTarget target, string alertsHub, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset EmittedAt, int Count)> _sentSinceMark = [];
    private readonly Queue<Watermark> _watermarks = new();
    private readonly Dictionary<string, long> _alertCursors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _alertIds = new(StringComparer.Ordinal);
    private long _stored;

    public LatencyHistogram EmitToStored { get; } = new();

    public long Stored => Interlocked.Read(ref _stored);

    public DateTimeOffset? LastStoredAt { get; private set; }

    public DateTimeOffset? FirstEmittedAt { get; private set; }

    public bool AllStored
    {
        get
        {
            lock (_gate)
            {
                return _sentSinceMark.Count == 0 && _watermarks.Count == 0;
            }
        }
    }

    /// <summary>Call after the collector accepted a batch sent at <paramref name="emittedAt"/>.</summary>
    public void BatchAccepted(DateTimeOffset emittedAt, int count)
    {
        lock (_gate)
        {
            _sentSinceMark.Add((emittedAt, count));
            FirstEmittedAt ??= emittedAt;
        }
    }

    /// <summary>Advances the watermarks and returns the alerts published since the last poll.</summary>
    public IReadOnlyList<ObservedAlert> Poll()
    {
        var now = time.GetUtcNow();
        var consumers = target.Consumers().Where(c => !string.Equals(c.Hub, alertsHub, StringComparison.OrdinalIgnoreCase)).ToList();
        var checkpoints = consumers.ToDictionary(Key, c => c.Checkpoint, StringComparer.Ordinal);
        lock (_gate)
        {
            while (_watermarks.TryPeek(out var mark) && Reached(mark, checkpoints))
            {
                _watermarks.Dequeue();
                foreach (var (emittedAt, count) in mark.Batches)
                {
                    EmitToStored.Record(now - emittedAt, count);
                    _stored += count;
                }

                LastStoredAt = now;
            }

            if (_sentSinceMark.Count > 0)
            {
                // Taken after the batches were accepted, so the heads are at or past each of their events.
                _watermarks.Enqueue(new Watermark([.. _sentSinceMark], [.. consumers.Select(c => (Key(c), c.Head))]));
                _sentSinceMark.Clear();
            }
        }

        return ReadAlerts(now);
    }

    private static string Key(ConsumerPosition consumer) => $"{consumer.Function}/{consumer.Hub}/{consumer.PartitionId}";

    private static bool Reached(Watermark mark, Dictionary<string, long?> checkpoints) =>
        mark.Heads.All(h => h.Next == 0 || (checkpoints.GetValueOrDefault(h.Consumer) ?? -1) >= h.Next - 1) && checkpoints.Count > 0;

    private List<ObservedAlert> ReadAlerts(DateTimeOffset now)
    {
        var found = new List<ObservedAlert>();
        foreach (var partition in target.PartitionIds(alertsHub))
        {
            var from = _alertCursors.GetValueOrDefault(partition);
            while (true)
            {
                var messages = target.Read(alertsHub, partition, from, 1000);
                if (messages.Count == 0)
                {
                    break;
                }

                foreach (var message in messages)
                {
                    if (Parse(message.Body, now) is { } alert && _alertIds.Add(alert.Id))
                    {
                        found.Add(alert);
                    }
                }

                from = messages[^1].SequenceNumber + 1;
            }

            _alertCursors[partition] = from;
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

    /// <summary>Batches accepted before a poll, and each ingest consumer's log head taken at that poll.</summary>
    private sealed record Watermark(IReadOnlyList<(DateTimeOffset EmittedAt, int Count)> Batches, IReadOnlyList<(string Consumer, long Next)> Heads);
}
