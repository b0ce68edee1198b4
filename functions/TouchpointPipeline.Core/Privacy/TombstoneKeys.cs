using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>
/// The tombstone of an erased customer key: a salted hash (<see cref="PiiHasher"/>) of a prefix and the stored key, so
/// the tombstone store never holds the erased id itself and cannot be reversed without the salt. Without a salt (hashing
/// turned off) an unsalted SHA-256 is used: still not the id, but guessable for guessable ids.
/// </summary>
public sealed class TombstoneKeys(PiiHasher hasher, IOptions<PiiOptions> pii)
{
    private const string Domain = "erased:";

    /// <summary>The tombstone of a stored customer key (<c>customerid</c> or <c>anon:</c> + <c>anonymousid</c>).</summary>
    public string For(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        if (PiiHasher.HasUsableSalt(pii.Value))
        {
            return hasher.Hash(Domain + customerKey);
        }

        return PiiHasher.Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Domain + customerKey)));
    }
}
