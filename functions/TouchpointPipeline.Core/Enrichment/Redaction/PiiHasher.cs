using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Pseudonymises identifiers: <c>sha256:</c> + lower-case hex of SHA-256 over the UTF-8 bytes of salt + value.
/// The same value and salt always give the same hash, so a hashed customer id still keys one timeline; without the
/// salt the hash cannot be reversed by hashing guesses. Which identifiers are hashed is set by <see cref="PiiOptions"/>.
/// Thread-safe; allocates only the returned string.
/// </summary>
public sealed class PiiHasher
{
    public const string Prefix = Events.CustomerKeys.HashedPrefix;

    private const int MaxStackBytes = 1024;

    private readonly PiiOptions _options;
    private readonly byte[] _salt;

    /// <exception cref="InvalidOperationException">Hashing is on but <see cref="PiiOptions.Salt"/> is missing or too short.</exception>
    public PiiHasher(IOptions<PiiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.HashingEnabled && !HasUsableSalt(_options))
        {
            throw new InvalidOperationException(IsUnresolvedKeyVaultReference(_options.Salt) ? UnresolvedReferenceMessage : MissingSaltMessage);
        }

        _salt = Encoding.UTF8.GetBytes(_options.Salt ?? string.Empty);
    }

    internal static string MissingSaltMessage =>
        $"{PiiOptions.SectionName}:Salt must be set to a secret of at least {PiiOptions.MinSaltLength} characters while "
        + $"{PiiOptions.SectionName}:{nameof(PiiOptions.HashCustomerIdWhenEmail)} or :{nameof(PiiOptions.HashIdentifiers)} "
        + "is on (app setting Enrichment__Pii__Salt, from Key Vault). Turn both off to store identifiers as sent.";

    /// <summary>The stored form of a <c>customerid</c>: hashed when it looks like an e-mail address or when all identifiers are hashed.</summary>
    public string ProtectCustomerId(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (IsHashed(customerId))
        {
            return customerId;
        }

        if (_options.HashCustomerIdWhenEmail && LooksLikeEmail(customerId))
        {
            return Hash(customerId.Trim().ToLowerInvariant());
        }

        return _options.HashIdentifiers ? Hash(customerId) : customerId;
    }

    /// <summary>The stored form of an <c>anonymousid</c>: hashed only when all identifiers are hashed.</summary>
    public string ProtectAnonymousId(string anonymousId)
    {
        ArgumentNullException.ThrowIfNull(anonymousId);
        return _options.HashIdentifiers && !IsHashed(anonymousId) ? Hash(anonymousId) : anonymousId;
    }

    /// <summary>
    /// The stored form of a customer key someone looks up (<c>ann@example.com</c> or <c>anon:…</c>), so the read API
    /// takes the id people know and finds the hashed timeline. Keys already hashed pass through.
    /// </summary>
    public string ProtectCustomerKey(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        return customerKey.StartsWith(Events.CustomerKeys.AnonymousPrefix, StringComparison.Ordinal)
            ? Events.CustomerKeys.ForAnonymous(ProtectAnonymousId(customerKey[Events.CustomerKeys.AnonymousPrefix.Length..]))
            : ProtectCustomerId(customerKey);
    }

    /// <summary>Hashes <paramref name="value"/> as given (no normalisation).</summary>
    /// <exception cref="InvalidOperationException">No usable salt is configured.</exception>
    public string Hash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!HasUsableSalt(_options))
        {
            throw new InvalidOperationException(MissingSaltMessage);
        }

        var length = _salt.Length + Encoding.UTF8.GetMaxByteCount(value.Length);
        // Identifiers are short; an absurdly long one gets a heap buffer rather than a stack overflow.
        Span<byte> input = length > MaxStackBytes ? new byte[length] : stackalloc byte[MaxStackBytes];
        _salt.CopyTo(input);
        var written = _salt.Length + Encoding.UTF8.GetBytes(value, input[_salt.Length..]);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..written], hash);
        Span<char> text = stackalloc char[Prefix.Length + (SHA256.HashSizeInBytes * 2)];
        Prefix.CopyTo(text);
        Convert.TryToHexStringLower(hash, text[Prefix.Length..], out _);
        return new string(text);
    }

    /// <summary>True when <paramref name="value"/> is already a hash from this class (re-processing is idempotent).</summary>
    public static bool IsHashed(string value) =>
        value is not null && value.Length == Prefix.Length + 64 && value.StartsWith(Prefix, StringComparison.Ordinal);

    // local@domain.tld with no spaces: enough to tell an e-mail from the opaque ids customers usually have.
    internal static bool LooksLikeEmail(string value)
    {
        var text = value.AsSpan().Trim();
        var at = text.IndexOf('@');
        var dot = text.LastIndexOf('.');
        return at > 0 && dot > at + 1 && dot < text.Length - 2 && text.IndexOfAny(' ', '\t') < 0
            && text.LastIndexOf('@') == at;
    }

    internal static string UnresolvedReferenceMessage =>
        $"{PiiOptions.SectionName}:Salt is an unresolved Key Vault reference (@Microsoft.KeyVault(...)): the host could "
        + "not read the secret (locally: sign in with az login and check your Key Vault Secrets User role). Hashing with "
        + "the reference text would make every hash guessable.";

    internal static bool HasUsableSalt(PiiOptions options) =>
        options.Salt is { Length: >= PiiOptions.MinSaltLength } salt && !string.IsNullOrWhiteSpace(salt)
        && !IsUnresolvedKeyVaultReference(salt);

    // func start and App Service leave the setting's raw text in place when they cannot resolve the reference.
    internal static bool IsUnresolvedKeyVaultReference(string? salt) =>
        salt is not null && salt.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);
}
