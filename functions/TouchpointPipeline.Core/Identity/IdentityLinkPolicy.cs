namespace TouchpointPipeline.Core.Identity;

/// <summary>
/// Guard against shared devices (a kiosk, a family tablet): at most <paramref name="MaxLinksPerCustomer"/> anonymous
/// ids may be linked to one customer within <paramref name="Window"/>, counted by link time.
/// </summary>
public sealed record IdentityLinkPolicy(int MaxLinksPerCustomer, TimeSpan Window);
