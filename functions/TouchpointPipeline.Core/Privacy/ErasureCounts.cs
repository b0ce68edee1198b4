namespace TouchpointPipeline.Core.Privacy;

/// <summary>How many records an erasure deleted, per store.</summary>
public sealed record ErasureCounts(int TimelineItems, int IdentityRecords, int Alerts, int DetectorRecords)
{
    public static ErasureCounts None { get; } = new(0, 0, 0, 0);

    public int Total => TimelineItems + IdentityRecords + Alerts + DetectorRecords;

    public ErasureCounts Add(ErasureCounts other) => new(
        TimelineItems + other.TimelineItems,
        IdentityRecords + other.IdentityRecords,
        Alerts + other.Alerts,
        DetectorRecords + other.DetectorRecords);
}
