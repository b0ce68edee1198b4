using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Resolves a presented write key to its grant. Keys are compared as SHA-256 hashes with
/// <see cref="CryptographicOperations.FixedTimeEquals"/> against every configured key, so neither the comparison nor the
/// loop reveals how much of a key matched or which key was close.
/// </summary>
internal sealed class WriteKeys
{
    public const string HeaderName = "X-Touchpoint-Write-Key";

    /// <summary>navigator.sendBeacon cannot set headers, so the key may also come as a query parameter.</summary>
    public const string QueryName = "writeKey";

    private readonly (byte[] Hash, WriteKeyGrant Grant)[] _keys;

    public WriteKeys(IOptions<CollectorOptions> options)
    {
        _keys = [.. options.Value.WriteKeys.Select(pair => (Hash(pair.Value.Key), WriteKeyGrant.From(pair.Key, pair.Value)))];
    }

    public WriteKeyGrant? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 1024)
        {
            return null;
        }

        var hash = Hash(presented);
        WriteKeyGrant? match = null;
        foreach (var (keyHash, grant) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, keyHash))
            {
                match = grant;
            }
        }

        return match;
    }

    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header : request.Query[QueryName].ToString() is { Length: > 0 } query ? query : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
