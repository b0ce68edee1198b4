using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

public sealed class PiiHasherTests
{
    // A test value only; real salts come from configuration (Key Vault), never from the repository.
    private const string TestSalt = "test-salt-0123456789";

    [Theory]
    [InlineData("ann@example.com", "sha256:830d806e327d52f8e7286f91cfd6f6a12963234cc5bcc342096370cf62ee2b9b")]
    [InlineData("cust-42", "sha256:15a5a1435a3d86f79d9a22a548572ee190c926d38eaea1f2f6a073f760f110ba")]
    public void Hash_Value_IsSaltedSha256LowerHexWithPrefix(string value, string expected)
    {
        var hasher = Hasher(new PiiOptions { Salt = TestSalt });

        Assert.Equal(expected, hasher.Hash(value));
    }

    [Fact]
    public void Hash_DifferentSalt_GivesDifferentHash()
    {
        var a = Hasher(new PiiOptions { Salt = TestSalt }).Hash("ann@example.com");
        var b = Hasher(new PiiOptions { Salt = TestSalt + "x" }).Hash("ann@example.com");

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("  Ann@Example.COM ", true)]
    [InlineData("cust-42", false)]
    [InlineData("@handle", false)]
    [InlineData("ann@localhost", false)]
    [InlineData("a b@example.com", false)]
    public void ProtectCustomerId_DefaultOptions_HashesOnlyEmailLookalikes(string customerId, bool hashed)
    {
        var hasher = Hasher(new PiiOptions { Salt = TestSalt });

        var stored = hasher.ProtectCustomerId(customerId);

        Assert.Equal(hashed, PiiHasher.IsHashed(stored));
        Assert.Equal(hashed ? hasher.Hash(customerId.Trim().ToLowerInvariant()) : customerId, stored);
    }

    [Fact]
    public void ProtectCustomerId_EmailInAnyCase_GivesOneHash()
    {
        var hasher = Hasher(new PiiOptions { Salt = TestSalt });

        Assert.Equal(hasher.ProtectCustomerId("ann@example.com"), hasher.ProtectCustomerId("Ann@Example.com"));
    }

    [Fact]
    public void ProtectCustomerId_AlreadyHashed_IsUnchanged()
    {
        var hasher = Hasher(new PiiOptions { Salt = TestSalt, HashIdentifiers = true });
        var once = hasher.ProtectCustomerId("ann@example.com");

        Assert.Equal(once, hasher.ProtectCustomerId(once));
    }

    [Fact]
    public void ProtectIds_HashIdentifiersOn_HashesEveryId()
    {
        var hasher = Hasher(new PiiOptions { Salt = TestSalt, HashIdentifiers = true });

        Assert.Equal(hasher.Hash("cust-42"), hasher.ProtectCustomerId("cust-42"));
        Assert.Equal(hasher.Hash("anon-7f3a"), hasher.ProtectAnonymousId("anon-7f3a"));
    }

    [Fact]
    public void ProtectAnonymousId_DefaultOptions_IsUnchanged()
    {
        var hasher = Hasher(new PiiOptions { Salt = TestSalt });

        Assert.Equal("anon-7f3a", hasher.ProtectAnonymousId("anon-7f3a"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("                ")]
    public void Constructor_HashingOnWithoutUsableSalt_ThrowsNamingTheSetting(string? salt)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Hasher(new PiiOptions { Salt = salt }));

        Assert.Contains("Enrichment:Pii:Salt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtectIds_HashingOffWithoutSalt_StoresIdsAsSent()
    {
        var hasher = Hasher(new PiiOptions { HashCustomerIdWhenEmail = false, HashIdentifiers = false });

        Assert.Equal("ann@example.com", hasher.ProtectCustomerId("ann@example.com"));
        Assert.Equal("anon-7f3a", hasher.ProtectAnonymousId("anon-7f3a"));
        Assert.Throws<InvalidOperationException>(() => hasher.Hash("ann@example.com"));
    }

    private static PiiHasher Hasher(PiiOptions options) => new(Options.Create(options));
}
