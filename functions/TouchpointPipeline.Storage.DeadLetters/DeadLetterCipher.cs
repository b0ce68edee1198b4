using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>
/// Encryption at rest of what dead letters keep raw (quarantined bodies and their partition keys, parked payloads),
/// when <see cref="DeadLetterStorageOptions.EncryptionKey"/> is set: AES-256-GCM, a random 96-bit nonce per value,
/// stored as base64 of nonce + tag + ciphertext. Replay and erasure decrypt with the same key, so parked batches still
/// replay byte for byte. Without a key the records are written as readable JSON.
/// </summary>
internal sealed class DeadLetterCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private static readonly byte[] AssociatedData = "touchpoint-deadletter-v1"u8.ToArray();
    private static readonly byte[] KeyInfo = "touchpoint-deadletter-v1"u8.ToArray();
    private readonly byte[]? _key;

    public DeadLetterCipher(IOptions<DeadLetterStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = DeriveKey(options.Value.EncryptionKey);
    }

    /// <summary>A cipher that encrypts nothing (records stay readable).</summary>
    public static DeadLetterCipher None { get; } = new(Options.Create(new DeadLetterStorageOptions()));

    public bool Enabled => _key is not null;

    public string Seal(ReadOnlySpan<byte> plaintext)
    {
        var sealedValue = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key ?? throw new InvalidOperationException("No dead-letter encryption key is configured."), TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), AssociatedData);
        return Convert.ToBase64String(sealedValue);
    }

    public string Seal(string plaintext) => Seal(Encoding.UTF8.GetBytes(plaintext));

    /// <exception cref="CryptographicException">The value was sealed with another key or changed.</exception>
    public byte[] Open(string sealedText)
    {
        var sealedValue = Convert.FromBase64String(sealedText);
        var plaintext = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key ?? throw new InvalidOperationException("A dead letter is encrypted but no DeadLetterStorage:EncryptionKey is configured."), TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plaintext, AssociatedData);
        return plaintext;
    }

    internal static string TooShortMessage =>
        $"{DeadLetterStorageOptions.SectionName}:EncryptionKey must be the base64 of 32 bytes (openssl rand -base64 32) or a "
        + $"secret of at least {DeadLetterStorageOptions.MinEncryptionKeyLength} characters (in Azure the Key Vault secret "
        + "dead-letter-key, app setting DeadLetterStorage__EncryptionKey). Leave it unset to store dead letters unencrypted.";

    internal static string UnresolvedReferenceMessage =>
        $"{DeadLetterStorageOptions.SectionName}:EncryptionKey is an unresolved Key Vault reference (@Microsoft.KeyVault(...)): "
        + "the host could not read the secret (locally: sign in with az login and check your Key Vault Secrets User role). "
        + "A key derived from the reference text would be no secret at all.";

    /// <summary>
    /// The AES-256 key of <paramref name="configured"/>: null when unset; the decoded bytes when it is the base64 of
    /// exactly 32 bytes; else HKDF-SHA256 of its UTF-8 bytes (no salt, info <c>touchpoint-deadletter-v1</c>). Callers
    /// validate first (<see cref="IsValidKey"/>).
    /// </summary>
    internal static byte[]? DeriveKey(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        if (IsBase64Key(configured))
        {
            return Convert.FromBase64String(configured);
        }

        // A passphrase-like secret (Azure: azd's password plus GUID digits) is not uniformly random bytes, so it is
        // put through HKDF rather than truncated or hashed ad hoc. Fixed inputs: the same secret gives the same key.
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(configured), KeySize, salt: [], info: KeyInfo);
    }

    /// <summary>
    /// True when <paramref name="key"/> is absent, the base64 of 32 bytes, or a secret of at least
    /// <see cref="DeadLetterStorageOptions.MinEncryptionKeyLength"/> characters that is not all white space nor an
    /// unresolved Key Vault reference.
    /// </summary>
    public static bool IsValidKey(string? key) =>
        string.IsNullOrEmpty(key)
        || IsBase64Key(key)
        || (key.Length >= DeadLetterStorageOptions.MinEncryptionKeyLength && !string.IsNullOrWhiteSpace(key) && !IsUnresolvedKeyVaultReference(key));

    // func start and App Service leave the setting's raw text in place when they cannot resolve the reference.
    internal static bool IsUnresolvedKeyVaultReference(string? key) =>
        key is not null && key.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    private static bool IsBase64Key(string key)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(key, buffer, out var written) && written == KeySize;
    }
}
