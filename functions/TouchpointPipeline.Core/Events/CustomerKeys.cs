namespace TouchpointPipeline.Core.Events;

/// <summary>
/// The customer key partitions every store: the known <c>customerid</c>, else <c>anon:</c> + <c>anonymousid</c>, so an
/// anonymous id can never collide with a customer id. Stored identifiers may also be <c>sha256:</c> + hex (hashed
/// personal data). The pipeline's own records use <c>erasure:</c>. These prefixes are the key space's own: the reader
/// refuses a <c>customerid</c> that starts with any of them (and an <c>anonymousid</c> that starts with <c>sha256:</c>),
/// so no emitter can write into a key it cannot own.
/// </summary>
public static class CustomerKeys
{
    public const string AnonymousPrefix = "anon:";

    /// <summary>The prefix of a hashed identifier (<see cref="Enrichment.Redaction.PiiHasher"/>).</summary>
    public const string HashedPrefix = "sha256:";

    /// <summary>The prefix of the pipeline's own records kept beside customers' (the erasure tombstones in Cosmos DB).</summary>
    public const string ErasurePrefix = "erasure:";

    /// <summary>Every prefix the pipeline itself gives keys; compared case-insensitively.</summary>
    public static IReadOnlyList<string> ReservedPrefixes { get; } = [AnonymousPrefix, HashedPrefix, ErasurePrefix];

    public static string ForAnonymous(string anonymousId) => AnonymousPrefix + anonymousId;

    /// <summary>The reserved prefix <paramref name="id"/> starts with (ignoring case and leading white space), or null.</summary>
    public static string? ReservedPrefixOf(string? id)
    {
        if (id is null)
        {
            return null;
        }

        var trimmed = id.AsSpan().TrimStart();
        foreach (var prefix in ReservedPrefixes)
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return prefix;
            }
        }

        return null;
    }
}
