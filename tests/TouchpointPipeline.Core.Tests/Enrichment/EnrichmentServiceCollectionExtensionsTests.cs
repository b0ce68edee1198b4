using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;

namespace TouchpointPipeline.Core.Tests.Enrichment;

public sealed class EnrichmentServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEnrichment_WithSalt_ResolvesEveryBlockAsSingleton()
    {
        using var provider = Build(new() { ["Enrichment:Pii:Salt"] = "test-salt-0123456789" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Same(provider.GetRequiredService<PiiRedactor>(), provider.GetRequiredService<PiiRedactor>());
        Assert.Same(provider.GetRequiredService<PiiHasher>(), provider.GetRequiredService<PiiHasher>());
        Assert.IsType<CombinedSentimentScorer>(provider.GetRequiredService<ISentimentScorer>());
        var options = provider.GetRequiredService<IOptions<PiiOptions>>().Value;
        Assert.Equal((true, false), (options.HashCustomerIdWhenEmail, options.HashIdentifiers));
    }

    [Fact]
    public void AddEnrichment_BindsEveryOption()
    {
        using var provider = Build(new()
        {
            ["Enrichment:Pii:Salt"] = "test-salt-0123456789",
            ["Enrichment:Pii:HashCustomerIdWhenEmail"] = "false",
            ["Enrichment:Pii:HashIdentifiers"] = "true",
        });

        var options = provider.GetRequiredService<IOptions<PiiOptions>>().Value;

        Assert.Equal(("test-salt-0123456789", false, true), (options.Salt, options.HashCustomerIdWhenEmail, options.HashIdentifiers));
    }

    [Fact]
    public void AddEnrichment_HashingOnWithoutSalt_FailsStartValidation()
    {
        using var provider = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Enrichment:Pii:Salt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEnrichment_SaltIsAnUnresolvedKeyVaultReference_FailsStartValidationSayingSo()
    {
        using var provider = Build(new() { ["Enrichment:Pii:Salt"] = "@Microsoft.KeyVault(VaultName=kv-tp;SecretName=pii-salt)" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("unresolved Key Vault reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEnrichment_HashingOffWithoutSalt_Starts()
    {
        using var provider = Build(new() { ["Enrichment:Pii:HashCustomerIdWhenEmail"] = "false" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("ann@example.com", provider.GetRequiredService<PiiHasher>().ProtectCustomerId("ann@example.com"));
    }

    [Fact]
    public void AddEnrichment_ScorerAlreadyRegistered_KeepsIt()
    {
        var other = new FixedScorer();
        var services = new ServiceCollection()
            .AddSingleton(Configuration([]))
            .AddSingleton<ISentimentScorer>(other);

        services.AddEnrichment();
        using var provider = services.BuildServiceProvider();

        Assert.Same(other, provider.GetRequiredService<ISentimentScorer>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddSingleton(Configuration(settings)).AddEnrichment().BuildServiceProvider();

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private sealed class FixedScorer : ISentimentScorer
    {
        public SentimentScore Score(string text) => new(0, SentimentLabel.Neutral);
    }
}
