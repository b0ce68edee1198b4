using System.Security.Cryptography;
using System.Text;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Identity verification for one write key (as Intercom's <c>user_hash</c>): a <c>customer.identified</c> event must
/// carry <c>userhash</c> = lower-case hex of HMAC-SHA256(key's identity secret, UTF-8 of <c>customerid</c>), which only
/// the app's back end can compute. Compared in constant time, so a guess learns nothing from the answer's timing.
/// </summary>
internal sealed class IdentityVerifier(string secret)
{
    /// <summary>The event attribute holding the hash; removed before the event is published.</summary>
    public const string Attribute = "userhash";

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);

    public bool Verifies(string customerId, string? userHash)
    {
        if (userHash is not { Length: HMACSHA256.HashSizeInBytes * 2 })
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(userHash, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != presented.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(customerId), expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
