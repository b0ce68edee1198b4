using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// The one place that turns the app's <c>EventHubConnection</c> settings (the same ones the <c>eventHubTrigger</c>
/// bindings read) into producer clients:
/// <list type="bullet">
/// <item>identity-based: <c>EventHubConnection__fullyQualifiedNamespace</c> (optional <c>__clientId</c> for a
/// user-assigned identity): <c>DefaultAzureCredential</c>, the app needs <em>Azure Event Hubs Data Sender</em>;</item>
/// <item>a connection string (<c>EventHubConnection</c>): a namespace's SAS connection string, the Event Hubs emulator's
/// or the dev host's (<c>UseDevelopmentEmulator=true</c>: plain AMQP on the port in <c>Endpoint</c>). An
/// <c>EntityPath</c> is dropped: one connection serves every hub.</item>
/// </list>
/// </summary>
internal sealed record EventHubsConnection(string? FullyQualifiedNamespace, string? ClientId, string? ConnectionString)
{
    public const string SettingName = "EventHubConnection";

    /// <summary>
    /// Each try may take 10 s and is retried twice (0.2 s, then 0.4 s back-off), so a request that cannot publish gives
    /// up after about 31 s: well inside the HTTP function limits (230 s at the front end), and the emitter retries.
    /// </summary>
    public static EventHubsRetryOptions RetryOptions => new()
    {
        Mode = EventHubsRetryMode.Exponential,
        MaximumRetries = 2,
        Delay = TimeSpan.FromMilliseconds(200),
        MaximumDelay = TimeSpan.FromSeconds(2),
        TryTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Null when no <c>EventHubConnection</c> setting exists.</summary>
    public static EventHubsConnection? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (section["fullyQualifiedNamespace"] is { Length: > 0 } fullyQualifiedNamespace && !string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            return new EventHubsConnection(fullyQualifiedNamespace.Trim(), NullIfEmpty(section["clientId"]), null);
        }

        return string.IsNullOrWhiteSpace(section.Value) ? null : new EventHubsConnection(null, null, WithoutEntityPath(section.Value));
    }

    /// <summary>Whether the connection is an emulator's (the dev host or the Event Hubs emulator).</summary>
    public bool IsDevelopmentEmulator => ConnectionString is { } text
        && text.Split(';').Any(part => part.Trim().Equals("UseDevelopmentEmulator=true", StringComparison.OrdinalIgnoreCase));

    public EventHubProducerClient CreateProducer(string hub)
    {
        var options = new EventHubProducerClientOptions
        {
            RetryOptions = RetryOptions,
            Identifier = $"touchpoint-collector-{hub}",
        };
        return FullyQualifiedNamespace is { } ns
            ? new EventHubProducerClient(ns, hub, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId }), options)
            : new EventHubProducerClient(ConnectionString!, hub, options);
    }

    internal static string WithoutEntityPath(string connectionString) => string.Join(';',
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => !part.StartsWith("EntityPath=", StringComparison.OrdinalIgnoreCase)));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
