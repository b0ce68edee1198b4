namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>An event hub: a fixed number of partitions; a keyed message goes to its key's partition, others round-robin.</summary>
internal sealed class HubLog
{
    private readonly PartitionLog[] partitions;
    private int roundRobin = -1;

    public HubLog(string name, int partitionCount, TimeProvider time)
    {
        Name = name;
        partitions = [.. Enumerable.Range(0, partitionCount).Select(i => new PartitionLog(name, i.ToString(System.Globalization.CultureInfo.InvariantCulture), time))];
    }

    public string Name { get; }

    public IReadOnlyList<PartitionLog> Partitions => partitions;

    public IReadOnlyList<(PartitionLog Partition, LogMessage Message)> Append(IReadOnlyList<NewMessage> messages)
    {
        // Group per partition so each partition's share is appended (and enqueued) together, in request order.
        var groups = new List<NewMessage>?[partitions.Length];
        var slots = new int[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var key = messages[i].PartitionKey;
            var index = key is null
                ? (int)((uint)Interlocked.Increment(ref roundRobin) % (uint)partitions.Length)
                : PartitionSelector.PartitionFor(key, partitions.Length);
            slots[i] = index;
            (groups[index] ??= []).Add(messages[i]);
        }

        var appended = new IReadOnlyList<LogMessage>[partitions.Length];
        for (var p = 0; p < partitions.Length; p++)
        {
            appended[p] = groups[p] is { } group ? partitions[p].Append(group) : [];
        }

        var result = new (PartitionLog, LogMessage)[messages.Count];
        var taken = new int[partitions.Length];
        for (var i = 0; i < messages.Count; i++)
        {
            var p = slots[i];
            result[i] = (partitions[p], appended[p][taken[p]++]);
        }

        return result;
    }
}
