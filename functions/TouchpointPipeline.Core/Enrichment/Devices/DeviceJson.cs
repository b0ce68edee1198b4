namespace TouchpointPipeline.Core.Enrichment.Devices;

/// <summary>
/// A parsed user agent, written once: the <c>device</c> object, and the enrichment object <c>{"device":…}</c> of an
/// event that needs nothing else (shared by every such event: stored bytes are never mutated).
/// </summary>
internal sealed record DeviceJson(byte[] Device, byte[] EnrichmentOnly);
