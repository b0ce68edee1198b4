using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Timelines;

public sealed class CosmosStorageOptionsTests
{
    private const string EmulatorKey =
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    [Fact]
    public void AddCosmosTimelineStore_CosmosSection_BindsWithDefaults()
    {
        using var provider = Build(new() { ["Cosmos:AccountEndpoint"] = "https://acct.documents.azure.com:443/" });

        var options = provider.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("touchpoints", options.DatabaseName);
        Assert.Equal("timeline", options.TimelineContainerName);
        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxRetryWaitTime);
        Assert.False(options.Emulator);
        Assert.Null(options.AccountKey);
    }

    [Theory]
    [InlineData(null, null, "Cosmos:AccountEndpoint")]
    [InlineData("not a uri", null, "Cosmos:AccountEndpoint")]
    [InlineData("https://acct.documents.azure.com/", "Cosmos:MaxRetryAttempts=-1", "Cosmos:MaxRetryAttempts")]
    [InlineData("https://acct.documents.azure.com/", "Cosmos:DatabaseName= ", "Cosmos:DatabaseName")]
    [InlineData("http://localhost:8081/", "Cosmos:Emulator=true", "Cosmos:AccountKey")]
    public void AddCosmosTimelineStore_InvalidSettings_FailAtStart(string? endpoint, string? extra, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Cosmos:AccountEndpoint"] = endpoint };
        if (extra?.Split('=') is [var key, var value])
        {
            settings[key] = value;
        }

        using var provider = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCosmosTimelineStore_Registration_HasOneSingletonClient()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddCosmosStores(o => o.AccountEndpoint = "https://acct.documents.azure.com/")
            .AddCosmosStores(o => o.AccountEndpoint = "https://acct.documents.azure.com/");

        var client = Assert.Single(services, d => d.ServiceType == typeof(CosmosClient));

        Assert.Equal(ServiceLifetime.Singleton, client.Lifetime);
    }

    [Fact]
    public void CreateClientOptions_Azure_UsesDirectModeWithoutContentOnWriteAndLowRetryBudget()
    {
        var options = CosmosClientFactory.CreateClientOptions(
            new CosmosStorageOptions { AccountEndpoint = "https://acct.documents.azure.com/" });

        Assert.Equal(ConnectionMode.Direct, options.ConnectionMode);
        Assert.False(options.LimitToEndpoint);
        Assert.False(options.EnableContentResponseOnWrite);
        Assert.Equal(5, options.MaxRetryAttemptsOnRateLimitedRequests);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxRetryWaitTimeOnRateLimitedRequests);
        Assert.Equal("TouchpointPipeline", options.ApplicationName);
        Assert.Null(options.ServerCertificateCustomValidationCallback);
    }

    [Theory]
    [InlineData("https://localhost:8081/", true)]
    [InlineData("http://localhost:8081/", false)]
    public void CreateClientOptions_Emulator_UsesGatewayLimitedToTheEndpoint(string endpoint, bool acceptsSelfSigned)
    {
        var options = CosmosClientFactory.CreateClientOptions(
            new CosmosStorageOptions { AccountEndpoint = endpoint, AccountKey = EmulatorKey, Emulator = true });

        Assert.Equal(ConnectionMode.Gateway, options.ConnectionMode);
        Assert.True(options.LimitToEndpoint);
        Assert.Equal(acceptsSelfSigned, options.ServerCertificateCustomValidationCallback is not null);
    }

    [Fact]
    public void CreateClientOptions_HttpsAccountNotEmulator_KeepsCertificateValidation()
    {
        var options = CosmosClientFactory.CreateClientOptions(
            new CosmosStorageOptions { AccountEndpoint = "https://localhost:8081/", AccountKey = EmulatorKey });

        Assert.Null(options.ServerCertificateCustomValidationCallback);
    }

    [Fact]
    public void Timeline_Definition_MatchesTheDesign()
    {
        var container = CosmosContainerDefinitions.Timeline(new CosmosStorageOptions(), new RetentionOptions { TimelineDays = 395 });

        Assert.Equal("timeline", container.Id);
        Assert.Equal("/customerKey", container.PartitionKeyPath);
        Assert.Equal(395 * 86_400, container.DefaultTimeToLive);
        Assert.Equal(IndexingMode.Consistent, container.IndexingPolicy.IndexingMode);
        Assert.Equal(
            ["/customerKey/?", "/sk/?", "/type/?", "/channel/?"],
            container.IndexingPolicy.IncludedPaths.Select(p => p.Path));
        Assert.Equal(["/*"], container.IndexingPolicy.ExcludedPaths.Select(p => p.Path));
    }

    [Fact]
    public async Task EnsureCreatedAsync_WithoutAccountKey_RefusesToRun()
    {
        using var client = new CosmosClient("https://acct.documents.azure.com/", EmulatorKey);

        await Assert.ThrowsAsync<InvalidOperationException>(() => CosmosContainerDefinitions.EnsureCreatedAsync(
            client,
            new CosmosStorageOptions { AccountEndpoint = "https://acct.documents.azure.com/" },
            TestContext.Current.CancellationToken));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddCosmosStores()
            .BuildServiceProvider();
}
