using System.Diagnostics.CodeAnalysis;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>The one place the <see cref="CosmosClient"/> is configured.</summary>
internal static class CosmosClientFactory
{
    public const string ApplicationName = "TouchpointPipeline";

    public static CosmosClient Create(CosmosStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.AccountEndpoint ?? throw new InvalidOperationException("Cosmos:AccountEndpoint is not set.");
        var clientOptions = CreateClientOptions(options);
        return string.IsNullOrWhiteSpace(options.AccountKey)
            ? new CosmosClient(
                endpoint,
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId }),
                clientOptions)
            : new CosmosClient(endpoint, options.AccountKey, clientOptions);
    }

    [SuppressMessage(
        "Security",
        "CA5359:Do not disable certificate validation",
        Justification = "Only for the local emulator's self-signed certificate, only when Cosmos:Emulator is true.")]
    public static CosmosClientOptions CreateClientOptions(CosmosStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = ApplicationName,
            ConnectionMode = options.Emulator ? ConnectionMode.Gateway : ConnectionMode.Direct,
            LimitToEndpoint = options.Emulator,
            EnableContentResponseOnWrite = false,
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttempts,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitTime,
        };
        if (options.Emulator
            && Uri.TryCreate(options.AccountEndpoint, UriKind.Absolute, out var endpoint)
            && endpoint.Scheme == Uri.UriSchemeHttps)
        {
            clientOptions.ServerCertificateCustomValidationCallback = static (_, _, _) => true;
        }

        return clientOptions;
    }
}
