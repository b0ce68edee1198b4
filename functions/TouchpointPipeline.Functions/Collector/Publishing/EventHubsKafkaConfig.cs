using System.Globalization;
using Confluent.Kafka;

namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// The one place that turns the app's <c>EventHubConnection</c> settings into a Kafka producer configuration for the
/// Event Hubs Kafka endpoint:
/// <list type="bullet">
/// <item>identity-based (<c>EventHubConnection__fullyQualifiedNamespace</c>, optional <c>__clientId</c>): bootstrap
/// <c>&lt;namespace&gt;:9093</c>, SASL_SSL + OAUTHBEARER with an Entra ID token for <c>https://&lt;namespace&gt;/.default</c>;</item>
/// <item>a connection string for a namespace: <c>&lt;host&gt;:9093</c>, SASL_SSL + PLAIN, user <c>$ConnectionString</c>;</item>
/// <item>the emulator's connection string (<c>UseDevelopmentEmulator=true</c>): <c>&lt;host&gt;:9092</c>, SASL_PLAINTEXT
/// + PLAIN (the emulator's Kafka port has no TLS).</item>
/// </list>
/// </summary>
internal sealed record EventHubsKafkaConfig(ProducerConfig Producer, string? TokenScope, string? ManagedIdentityClientId)
{
    public const string ConnectionSetting = "EventHubConnection";
    public const int NamespacePort = 9093;
    public const int EmulatorPort = 9092;

    /// <summary>Null when no <c>EventHubConnection</c> setting exists.</summary>
    public static EventHubsKafkaConfig? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConnectionSetting);
        var fullyQualifiedNamespace = section["fullyQualifiedNamespace"];
        if (!string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            var host = fullyQualifiedNamespace.Trim();
            var producer = Reliable(new ProducerConfig
            {
                BootstrapServers = string.Create(CultureInfo.InvariantCulture, $"{host}:{NamespacePort}"),
                SecurityProtocol = SecurityProtocol.SaslSsl,
                SaslMechanism = SaslMechanism.OAuthBearer,
            });
            return new EventHubsKafkaConfig(producer, $"https://{host}/.default", NullIfEmpty(section["clientId"]));
        }

        var connectionString = section.Value;
        return string.IsNullOrWhiteSpace(connectionString) ? null : FromConnectionString(connectionString);
    }

    public static EventHubsKafkaConfig FromConnectionString(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{ConnectionSetting} must be an Event Hubs connection string with Endpoint=sb://<namespace>/.");
        }

        var emulator = parts.TryGetValue("UseDevelopmentEmulator", out var flag) && bool.TryParse(flag, out var isEmulator) && isEmulator;
        return new EventHubsKafkaConfig(Reliable(new ProducerConfig
        {
            BootstrapServers = string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{(emulator ? EmulatorPort : NamespacePort)}"),
            SecurityProtocol = emulator ? SecurityProtocol.SaslPlaintext : SecurityProtocol.SaslSsl,
            SaslMechanism = SaslMechanism.Plain,
            SaslUsername = "$ConnectionString",
            SaslPassword = connectionString,
        }), null, null);
    }

    // Acks from every in-sync replica and the idempotent producer: a delivery report means durable, and librdkafka's
    // internal retries cannot duplicate or reorder. A short linger batches the messages of one request together.
    private static ProducerConfig Reliable(ProducerConfig config)
    {
        config.Acks = Acks.All;
        config.EnableIdempotence = true;
        config.LingerMs = 5;
        config.MessageTimeoutMs = 30_000;
        config.RequestTimeoutMs = 30_000;
        // Event Hubs closes idle connections after 240 s; reconnect before that rather than on the next produce.
        config.ConnectionsMaxIdleMs = 180_000;
        config.MetadataMaxAgeMs = 180_000;
        config.SocketKeepaliveEnable = true;
        // murmur2 as in the Java client, so a customer key maps to the same partition whichever Kafka client sent it.
        config.Partitioner = Partitioner.Murmur2Random;
        config.ClientId = "touchpoint-collector";
        return config;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
