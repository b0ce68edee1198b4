namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// An authenticated write key: its configured name (never the key itself), the sources it may send, its
/// <see cref="WriteKeyScope"/>, and its <see cref="IdentityVerifier"/> when identity verification is on.
/// </summary>
internal sealed class WriteKeyGrant(string name, IReadOnlyCollection<string> sources, WriteKeyScope scope, IdentityVerifier? identity = null)
{
    private readonly HashSet<string> _sources = new(sources, StringComparer.Ordinal);
    private readonly bool _anySource = sources.Contains(WriteKeyScope.Any, StringComparer.Ordinal);

    public string Name { get; } = name;

    public WriteKeyScope Scope { get; } = scope;

    /// <summary>Null when the key does not verify identities: its <c>customer.identified</c> events are taken as sent.</summary>
    public IdentityVerifier? Identity { get; } = identity;

    public bool Allows(string? source) => source is not null && (_anySource || _sources.Contains(source));

    public static WriteKeyGrant From(string name, WriteKeyOptions options) => new(
        name,
        options.Sources,
        new WriteKeyScope(options.Kind ?? WriteKeyKind.Browser, options.Channels, options.EventTypes),
        string.IsNullOrEmpty(options.IdentitySecret) ? null : new IdentityVerifier(options.IdentitySecret));
}
