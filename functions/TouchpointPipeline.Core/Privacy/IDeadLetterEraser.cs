namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// Finds and removes a data subject's events in the dead letters (quarantine and parked batches), which are keyed by
/// batch, not by customer: each record is read and matched on the identifiers it carries.
/// </summary>
public interface IDeadLetterEraser
{
    /// <summary>The records that mention any of <paramref name="identifiers"/> (raw or stored forms).</summary>
    Task<IReadOnlyList<DeadLetterRecord>> FindAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the events that mention any of <paramref name="identifiers"/>: a quarantine line is dropped, a parked
    /// batch loses those events (and is deleted when none is left). Returns how many records changed.
    /// </summary>
    Task<int> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken);
}
