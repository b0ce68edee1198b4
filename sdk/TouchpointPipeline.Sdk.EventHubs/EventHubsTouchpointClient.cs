using Azure.Core;
using Azure.Messaging.EventHubs.Producer;

namespace TouchpointPipeline.Sdk.EventHubs;

/// <summary>
/// A <see cref="TouchpointClient"/> for trusted backends (contact-centre and chat platforms) that publish straight to
/// the pipeline's event hubs instead of the collector: the same typed builders, background batching, bounded queue
/// and retries, with <see cref="EventHubProducerClient"/> underneath (one per hub, kept for the client's life) and the
/// customer key as partition key. Authenticates with Entra ID (the identity needs <em>Azure Event Hubs Data
/// Sender</em>) or a connection string (the Event Hubs emulator, the dev host). Events are not validated on the way:
/// ingest quarantines an invalid one with the reason, where the collector would have answered 400.
/// </summary>
public sealed class EventHubsTouchpointClient : TouchpointClient
{
    /// <summary>Creates a client that authenticates with Entra ID.</summary>
    /// <param name="fullyQualifiedNamespace">The namespace host, <c>evhns-tp.servicebus.windows.net</c>.</param>
    /// <param name="credential">For example <c>new DefaultAzureCredential()</c> (Azure.Identity).</param>
    /// <param name="source">The <c>source</c> of every event this client sends (<c>cc/genesys</c>).</param>
    /// <param name="options">Hubs, batching, queue and retry options; null for the defaults.</param>
    public EventHubsTouchpointClient(string fullyQualifiedNamespace, TokenCredential credential, string source, EventHubsTouchpointClientOptions? options = null)
        : base(source, options ?? new EventHubsTouchpointClientOptions(), o => Sender(o, (hub, producerOptions) =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
            ArgumentNullException.ThrowIfNull(credential);
            return new EventHubProducerClient(fullyQualifiedNamespace, hub, credential, producerOptions);
        }))
    {
    }

    /// <summary>Creates a client from a namespace connection string (without <c>EntityPath</c>: one client writes to every hub).</summary>
    /// <param name="connectionString">
    /// <c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>; for an emulator add <c>UseDevelopmentEmulator=true</c>.
    /// </param>
    /// <param name="source">The <c>source</c> of every event this client sends.</param>
    /// <param name="options">Hubs, batching, queue and retry options; null for the defaults.</param>
    public EventHubsTouchpointClient(string connectionString, string source, EventHubsTouchpointClientOptions? options = null)
        : base(source, options ?? new EventHubsTouchpointClientOptions(), o => Sender(o, (hub, producerOptions) =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
            return new EventHubProducerClient(connectionString, hub, producerOptions);
        }))
    {
    }

    private static EventHubsBatchSender Sender(TouchpointClientOptions options, Func<string, EventHubProducerClientOptions, EventHubProducerClient> create)
    {
        var hubs = (EventHubsTouchpointClientOptions)options;
        var producerOptions = new EventHubProducerClientOptions { RetryOptions = EventHubsBatchSender.RetryOptions(options.Retry) };
        return new EventHubsBatchSender(hubs, hub => create(hub, producerOptions));
    }
}
