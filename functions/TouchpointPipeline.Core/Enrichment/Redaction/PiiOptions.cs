namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// How identifiers that are personal data are stored. Bound from <see cref="SectionName"/>
/// (app setting <c>Enrichment__Pii__Salt</c> etc.); validated at start.
/// </summary>
public sealed class PiiOptions
{
    public const string SectionName = "Enrichment:Pii";

    /// <summary>Shortest accepted salt: long enough that it cannot be guessed and the hashes reversed by brute force.</summary>
    public const int MinSaltLength = 16;

    /// <summary>
    /// Secret mixed into every hash (at least <see cref="MinSaltLength"/> characters). No default and never in the
    /// repository: supply it from Key Vault (a Key Vault reference in the app setting) or user secrets. Required while
    /// <see cref="HashCustomerIdWhenEmail"/> or <see cref="HashIdentifiers"/> is on — the default — so start-up fails
    /// without it. Changing it changes every hash, which splits existing timelines: rotate only with a re-key.
    /// </summary>
    public string? Salt { get; set; }

    /// <summary>
    /// Default <see langword="true"/>: a <c>customerid</c> that looks like an e-mail address is stored as its hash
    /// (after trimming and lower-casing, so that <c>Ann@Example.com</c> and <c>ann@example.com</c> stay one customer).
    /// </summary>
    public bool HashCustomerIdWhenEmail { get; set; } = true;

    /// <summary>
    /// Default <see langword="false"/>: when on, every <c>customerid</c> and <c>anonymousid</c> is stored as its hash,
    /// for tenants whose ids are themselves personal (phone numbers, national ids). Ids are hashed as sent, case kept.
    /// </summary>
    public bool HashIdentifiers { get; set; }

    /// <summary>True when any identifier may be hashed, i.e. when a salt is required.</summary>
    public bool HashingEnabled => HashCustomerIdWhenEmail || HashIdentifiers;
}
