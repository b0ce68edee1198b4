namespace TouchpointPipeline.Core.Enrichment.Devices;

/// <summary>
/// Device, OS and browser family of one user agent. Versions are major versions only ("17", "124"), or
/// <see langword="null"/> when the user agent does not say; families are <c>"Other"</c> when unknown. See
/// <see cref="UserAgentParser"/> for the family names and the known limits.
/// </summary>
public sealed record DeviceInfo(
    DeviceType Type,
    string Os,
    string? OsVersion,
    string Browser,
    string? BrowserVersion,
    bool IsBot);
