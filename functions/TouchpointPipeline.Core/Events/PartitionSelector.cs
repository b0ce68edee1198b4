using System.Buffers.Binary;
using System.Text;

namespace TouchpointPipeline.Core.Events;

/// <summary>
/// Maps a partition key to a partition as the Event Hubs service does (and the Azure SDK's <c>PartitionResolver</c>,
/// which the buffered producer uses to pick partitions client-side): Bob Jenkins' lookup3 <c>hashlittle2</c> over the
/// key's UTF-8 bytes with both seeds 0, the two 32-bit results XOR-ed and cut to a signed 16-bit value, then
/// <c>|hash % partitionCount|</c>. So a customer lands on the same partition in the dev host, the emulator and Azure,
/// whoever sent the event: the collector's publisher and the dev host's event log both place events with it.
/// </summary>
public static class PartitionSelector
{
    public static int PartitionFor(string partitionKey, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var bytes = Encoding.UTF8.GetBytes(partitionKey);
        var (hash1, hash2) = HashLittle2(bytes);
        var hash = unchecked((short)(hash1 ^ hash2));
        return Math.Abs(hash % partitionCount);
    }

    /// <summary>lookup3 <c>hashlittle2</c> with seeds 0 and 0: (c, b).</summary>
    private static (uint Primary, uint Secondary) HashLittle2(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = unchecked(0xdeadbeef + (uint)data.Length);
        var rest = data;
        while (rest.Length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(rest);
            b += BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]);
            Mix(ref a, ref b, ref c);
            rest = rest[12..];
        }

        if (rest.Length == 0)
        {
            return (c, b);
        }

        // The last 1..12 bytes, zero-padded, read as three little-endian words.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        rest.CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        Final(ref a, ref b, ref c);
        return (c, b);
    }

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        unchecked
        {
            a -= c; a ^= uint.RotateLeft(c, 4); c += b;
            b -= a; b ^= uint.RotateLeft(a, 6); a += c;
            c -= b; c ^= uint.RotateLeft(b, 8); b += a;
            a -= c; a ^= uint.RotateLeft(c, 16); c += b;
            b -= a; b ^= uint.RotateLeft(a, 19); a += c;
            c -= b; c ^= uint.RotateLeft(b, 4); b += a;
        }
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        unchecked
        {
            c ^= b; c -= uint.RotateLeft(b, 14);
            a ^= c; a -= uint.RotateLeft(c, 11);
            b ^= a; b -= uint.RotateLeft(a, 25);
            c ^= b; c -= uint.RotateLeft(b, 16);
            a ^= c; a -= uint.RotateLeft(c, 4);
            b ^= a; b -= uint.RotateLeft(a, 14);
            c ^= b; c -= uint.RotateLeft(b, 24);
        }
    }
}
