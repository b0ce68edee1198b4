namespace TouchpointPipeline.Core.Privacy;

/// <summary>What an erasure did: the keys erased (stored forms), the records deleted per store, the dead-letter records changed.</summary>
public sealed record ErasureReport(IReadOnlyList<string> CustomerKeys, ErasureCounts Deleted, int DeadLetterRecords, DateTimeOffset ErasedAt)
{
    public string Summary =>
        $"{CustomerKeys.Count} key(s); deleted {Deleted.TimelineItems} timeline item(s), {Deleted.IdentityRecords} identity record(s), "
        + $"{Deleted.Alerts} alert(s), {Deleted.DetectorRecords} detector record(s); {DeadLetterRecords} dead-letter record(s) changed";
}
