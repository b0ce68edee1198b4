namespace TouchpointPipeline.Core.DeadLetters;

/// <summary>
/// Where invalid events go: blob container <c>quarantine</c> (Azure Storage, Azurite locally) or a local folder,
/// as JSON Lines. Writing the same <see cref="QuarantineBatch.BatchId"/> twice keeps one copy.
/// </summary>
public interface IQuarantineStore
{
    Task WriteAsync(QuarantineBatch batch, CancellationToken cancellationToken);
}
