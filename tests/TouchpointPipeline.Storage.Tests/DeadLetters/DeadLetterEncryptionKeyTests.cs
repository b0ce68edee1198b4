using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Storage.DeadLetters;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

/// <summary>
/// What <c>DeadLetterStorage:EncryptionKey</c> accepts: the base64 of 32 bytes is the key itself; any other secret of
/// at least 32 characters (in Azure azd's first-run password extended with GUID digits, from Key Vault) has the key
/// derived from it with HKDF-SHA256; anything shorter, blank or an unresolved Key Vault reference stops the host at start.
/// </summary>
public sealed class DeadLetterEncryptionKeyTests
{
    // The shape of the Azure value: azd's 15-character first-run password + the 32 hex digits of a GUID.
    private const string Passphrase = "aB3cD4eF5gH6iJ7" + "0f8fad5bd9cb469fa16570867728950e";

    [Fact]
    public void DeriveKey_Base64Of32Bytes_IsTheDecodedBytes()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var derived = DeadLetterCipher.DeriveKey(Convert.ToBase64String(key));

        Assert.Equal(key, derived);
    }

    [Fact]
    public void DeriveKey_Passphrase_IsHkdfSha256WithNoSaltAndTheFixedInfo()
    {
        // RFC 5869 written out with HMAC-SHA256, independent of System.Security.Cryptography.HKDF.
        var prk = HMACSHA256.HashData(new byte[32], Encoding.UTF8.GetBytes(Passphrase));
        byte[] info = [.. "touchpoint-deadletter-v1"u8, 0x01];
        var expected = HMACSHA256.HashData(prk, info);

        var derived = DeadLetterCipher.DeriveKey(Passphrase);

        Assert.Equal(expected, derived);
    }

    [Fact]
    public void DeriveKey_SamePassphraseTwiceAndAnotherPassphrase_SameKeyThenADifferentOne()
    {
        var first = DeadLetterCipher.DeriveKey(Passphrase);
        var again = DeadLetterCipher.DeriveKey(new string(Passphrase.ToCharArray()));
        var other = DeadLetterCipher.DeriveKey(Passphrase[..^1] + "f");

        Assert.Equal(32, first!.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void DeriveKey_Unset_NoKey(string? configured)
    {
        Assert.Null(DeadLetterCipher.DeriveKey(configured));
    }

    [Fact]
    public void Open_SealedUnderTheSamePassphrase_ReadsBackAndUnderAnotherFails()
    {
        var sealedText = Cipher(Passphrase).Seal("ann@example.com");

        var opened = Cipher(Passphrase).Open(sealedText);

        Assert.Equal("ann@example.com", Encoding.UTF8.GetString(opened));
        Assert.ThrowsAny<CryptographicException>(() => Cipher(Passphrase[..^1] + "f").Open(sealedText));
    }

    [Theory]
    [InlineData(Passphrase)]
    [InlineData("exactly-thirty-two-characters-ok")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // base64 of 48 bytes: a secret, not a key
    public void AddDeadLetterStores_SecretOfAtLeast32Characters_StartsWithEncryptionOn(string configured)
    {
        using var services = Build(configured);

        var cipher = services.GetRequiredService<DeadLetterCipher>();

        Assert.True(cipher.Enabled);
    }

    [Theory]
    [InlineData("thirty-one-characters-too-short", "at least 32 characters")]
    [InlineData("                                        ", "at least 32 characters")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-7ulcqxxwesckw.vault.azure.net/secrets/dead-letter-key)", "unresolved Key Vault reference")]
    [InlineData("  @microsoft.keyvault(VaultName=kv-7ulcqxxwesckw;SecretName=dead-letter-key)", "unresolved Key Vault reference")]
    public void AddDeadLetterStores_ShortBlankOrUnresolvedKey_ClearErrorAtStart(string configured, string expected)
    {
        using var services = Build(configured);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeadLetterStorageOptions>>().Value);

        Assert.Contains("DeadLetterStorage:EncryptionKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static DeadLetterCipher Cipher(string key) => new(Options.Create(new DeadLetterStorageOptions { EncryptionKey = key }));

    private static ServiceProvider Build(string key) =>
        new ServiceCollection()
            .AddDeadLetterStores(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DeadLetterStorage:EncryptionKey"] = key }).Build())
            .BuildServiceProvider();
}
