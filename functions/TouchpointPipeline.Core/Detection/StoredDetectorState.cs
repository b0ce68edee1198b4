namespace TouchpointPipeline.Core.Detection;

/// <summary>A state as read, with the store's concurrency token for the conditional write back.</summary>
public sealed record StoredDetectorState(DetectorState State, string ETag);
