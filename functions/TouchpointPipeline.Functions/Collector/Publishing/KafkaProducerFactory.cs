using Azure.Core;
using Azure.Identity;
using Confluent.Kafka;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>Builds the app's single producer; with OAUTHBEARER, librdkafka asks for a fresh Entra ID token before expiry.</summary>
internal static class KafkaProducerFactory
{
    public static IProducer<string, byte[]> Create(EventHubsKafkaConfig config, ILogger logger)
    {
        var builder = new ProducerBuilder<string, byte[]>(config.Producer)
            .SetErrorHandler((_, error) => CollectorLog.KafkaError(logger, error.Code.ToString(), error.Reason, error.IsFatal));
        if (config.TokenScope is { } scope)
        {
            TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = config.ManagedIdentityClientId });
            builder.SetOAuthBearerTokenRefreshHandler((client, _) =>
            {
                try
                {
                    // Runs on librdkafka's background thread, which expects a synchronous answer.
                    var token = credential.GetToken(new TokenRequestContext([scope]), CancellationToken.None);
                    client.OAuthBearerSetToken(token.Token, token.ExpiresOn.ToUnixTimeMilliseconds(), "touchpoint-collector");
                }
                catch (AuthenticationFailedException ex)
                {
                    CollectorLog.TokenFailed(logger, ex);
                    client.OAuthBearerSetTokenFailure(ex.Message);
                }
            });
        }

        return builder.Build();
    }
}
