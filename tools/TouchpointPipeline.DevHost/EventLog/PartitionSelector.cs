using System.Text;

namespace TouchpointPipeline.DevHost.EventLog;

/// <summary>
/// Maps a partition key to a partition: FNV-1a (32 bit) over the key's UTF-8 bytes, modulo the partition count. The
/// real service uses its own hash; what matters for the pipeline is the same property: one key always lands in one
/// partition (per-customer order), across runs and machines (no randomized string hashing).
/// </summary>
internal static class PartitionSelector
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int PartitionFor(string partitionKey, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = OffsetBasis;
        Span<byte> buffer = partitionKey.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(partitionKey.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(partitionKey.Length)];
        var length = Encoding.UTF8.GetBytes(partitionKey, buffer);
        foreach (var b in buffer[..length])
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash % (uint)partitionCount);
    }
}
