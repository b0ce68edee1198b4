using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>An event hub: a fixed number of partitions; a keyed message goes to its key's partition, others round-robin.</summary>
internal sealed class HubLog
{
    private readonly PartitionLog[] _partitions;
    private int _roundRobin = -1;

    public HubLog(string name, int partitionCount, TimeProvider time)
    {
        Name = name;
        _partitions = [.. Enumerable.Range(0, partitionCount).Select(i => new PartitionLog(name, i.ToString(System.Globalization.CultureInfo.InvariantCulture), time))];
    }

    public string Name { get; }

    public IReadOnlyList<PartitionLog> Partitions => _partitions;

    public IReadOnlyList<(PartitionLog Partition, LogMessage Message)> Append(IReadOnlyList<NewMessage> messages)
    {
        // Group per partition so each partition's share is appended (and enqueued) together, in request order.
        var groups = new List<NewMessage>?[_partitions.Length];
        var slots = new int[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var key = messages[i].PartitionKey;
            var index = key is null
                ? (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)_partitions.Length)
                : PartitionSelector.PartitionFor(key, _partitions.Length);
            slots[i] = index;
            (groups[index] ??= []).Add(messages[i]);
        }

        var appended = new IReadOnlyList<LogMessage>[_partitions.Length];
        for (var p = 0; p < _partitions.Length; p++)
        {
            appended[p] = groups[p] is { } group ? _partitions[p].Append(group) : [];
        }

        var result = new (PartitionLog, LogMessage)[messages.Count];
        var taken = new int[_partitions.Length];
        for (var i = 0; i < messages.Count; i++)
        {
            var p = slots[i];
            result[i] = (_partitions[p], appended[p][taken[p]++]);
        }

        return result;
    }
}
