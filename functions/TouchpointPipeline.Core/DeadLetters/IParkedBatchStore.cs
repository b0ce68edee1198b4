namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// Where batches go when the pipeline cannot process them (store unreachable past every retry): blob container
/// <c>parked</c> or a local folder. Parking the same <see cref="ParkedBatch.BatchId"/> twice keeps one copy.
/// </summary>
public interface IParkedBatchStore
{
    Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken);

    /// <summary>The names of every parked batch (<c>{function}/{batchId}</c>, as stored), in name order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The parked batch under <paramref name="name"/> (from <see cref="ListAsync"/>), or null when it is gone.</summary>
    Task<ParkedBatch?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes the parked batch (after a successful replay); removing a missing one is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
