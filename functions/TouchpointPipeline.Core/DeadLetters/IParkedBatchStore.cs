namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// Where batches go when the pipeline cannot process them (store unreachable past every retry): blob container
/// <c>parked</c> or a local folder. Parking the same <see cref="ParkedBatch.BatchId"/> twice keeps one copy.
/// </summary>
public interface IParkedBatchStore
{
    Task ParkAsync(ParkedBatch batch, CancellationToken cancellationToken);
}
