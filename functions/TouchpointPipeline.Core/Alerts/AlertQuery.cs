namespace TouchpointPipeline.Core.Alerts;

/// <summary>
/// A page request for <see cref="IAlertStore.ListAsync"/>: optional filters, newest first, <paramref name="Continuation"/>
/// the opaque token of the previous page.
/// </summary>
public sealed record AlertQuery(
    AlertStatus? Status = null,
    AlertSeverity? Severity = null,
    string? CustomerKey = null,
    int Limit = 50,
    string? Continuation = null);
