using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Storage.DeadLetters;

/// <summary>
/// Encryption at rest of what dead letters keep raw (quarantined bodies and their partition keys, parked payloads),
/// when <see cref="DeadLetterStorageOptions.EncryptionKey"/> is set: AES-256-GCM, a random 96-bit nonce per value,
/// stored as base64 of nonce + tag + ciphertext. Replay and erasure decrypt with the same key, so parked batches still
/// replay byte for byte. Without a key the records are written as before (readable JSON).
/// </summary>
internal sealed class DeadLetterCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] AssociatedData = "touchpoint-deadletter-v1"u8.ToArray();
    private readonly byte[]? _key;

    public DeadLetterCipher(IOptions<DeadLetterStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.Value.EncryptionKey is { Length: > 0 } key ? Convert.FromBase64String(key) : null;
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

    /// <summary>True when <paramref name="key"/> is absent or the base64 of 32 bytes.</summary>
    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return true;
        }

        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(key, buffer, out var written) && written == 32;
    }
}
