namespace TouchpointPipeline.Core.Alerts;

/// <summary>
/// The <c>alerts</c> store. Adapters: Cosmos DB (container <c>alerts</c>, pk <c>/customerKey</c>) and SQLite; both pass
/// the same contract suite. Ids are deterministic, so creation is create-if-absent, never an upsert.
/// </summary>
public interface IAlertStore
{
    /// <summary>
    /// Creates the alert (with its <see cref="Alert.Undelivered"/> mark) unless its id exists; true when this call
    /// created it. The stored alert is never overwritten.
    /// </summary>
    Task<bool> CreateAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>The alert with its current <see cref="Alert.ETag"/>, or null.</summary>
    Task<Alert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Alerts matching the query's filters, newest first (created time, then id).</summary>
    Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the alert if it still has <paramref name="etag"/>; false when someone changed it meanwhile (optimistic
    /// concurrency) or it is gone. Used for status transitions and escalation only. Writes <see cref="Alert.Undelivered"/>
    /// as given: pass the read value to keep the marks, <see cref="AlertChannels.All"/> to deliver the new version.
    /// </summary>
    Task<bool> TryReplaceAsync(Alert alert, string etag, CancellationToken cancellationToken);

    /// <summary>Open alerts created at or before <paramref name="createdBefore"/> and not escalated yet, oldest first.</summary>
    Task<IReadOnlyList<Alert>> GetEscalationCandidatesAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The outbox: alerts with any channel still marked undelivered, created at or before <paramref name="createdBefore"/>,
    /// oldest first, each with its <see cref="Alert.Undelivered"/> marks and etag.
    /// </summary>
    Task<IReadOnlyList<Alert>> GetUndeliveredAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Clears the <paramref name="channels"/> marks of the stored alert if it is still the version that was delivered
    /// (same <see cref="Alert.EscalatedAt"/>: an escalation since then must be delivered too). Changes the etag. True
    /// when a mark was cleared; false when none was set, the alert moved on, or it is gone.
    /// </summary>
    Task<bool> MarkDeliveredAsync(Alert delivered, AlertChannels channels, CancellationToken cancellationToken);
}
