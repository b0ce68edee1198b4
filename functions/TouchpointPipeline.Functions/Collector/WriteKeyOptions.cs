namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// One issued write key (<c>Collector__WriteKeys__&lt;name&gt;__…</c>): the secret, what it is for, and the
/// <c>source</c> values, channels and event types it may send. Checked at start by <see cref="CollectorOptionsValidator"/>.
/// </summary>
internal sealed class WriteKeyOptions
{
    public const int MinKeyLength = 16;

    public const int MinIdentitySecretLength = 32;

    public string Key { get; set; } = string.Empty;

    /// <summary>Required, no default: a key configured without it fails start-up rather than guess its reach.</summary>
    public WriteKeyKind? Kind { get; set; }

    /// <summary>Exact <c>source</c> values; <c>*</c> allows any source.</summary>
    public string[] Sources { get; set; } = [];

    /// <summary>Wire names (<c>web</c>, <c>app</c>, <c>call</c>, <c>chat</c>; <c>*</c> for a server key). Empty: the kind's default.</summary>
    public string[] Channels { get; set; } = [];

    /// <summary>Event types (<c>page.viewed</c>, …; <c>*</c> for a server key). Empty: the kind's default.</summary>
    public string[] EventTypes { get; set; } = [];

    /// <summary>
    /// When set, identity verification is on for this key: every <c>customer.identified</c> event must carry
    /// <c>userhash</c> = hex HMAC-SHA256 of its <c>customerid</c> under this secret, computed by the app's back end.
    /// At least <see cref="MinIdentitySecretLength"/> characters; from Key Vault in Azure.
    /// </summary>
    public string? IdentitySecret { get; set; }
}
