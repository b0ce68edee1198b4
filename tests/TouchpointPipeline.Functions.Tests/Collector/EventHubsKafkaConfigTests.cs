using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using TouchpointPipeline.Functions.Collector.Publishing;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class EventHubsKafkaConfigTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void FromConfiguration_IdentityBased_UsesTls9093AndOAuthBearerForTheNamespaceScope()
    {
        var config = EventHubsKafkaConfig.FromConfiguration(Config(
            ("EventHubConnection:fullyQualifiedNamespace", "evhns-tp.servicebus.windows.net"),
            ("EventHubConnection:credential", "managedidentity"),
            ("EventHubConnection:clientId", "00000000-1111-2222-3333-444444444444")))!;

        Assert.Equal("evhns-tp.servicebus.windows.net:9093", config.Producer.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.Producer.SecurityProtocol);
        Assert.Equal(SaslMechanism.OAuthBearer, config.Producer.SaslMechanism);
        Assert.Null(config.Producer.SaslPassword);
        Assert.Equal("https://evhns-tp.servicebus.windows.net/.default", config.TokenScope);
        Assert.Equal("00000000-1111-2222-3333-444444444444", config.ManagedIdentityClientId);
    }

    [Fact]
    public void FromConfiguration_EmulatorConnectionString_UsesPlaintext9092WithConnectionStringUser()
    {
        const string emulator = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

        var config = EventHubsKafkaConfig.FromConfiguration(Config(("EventHubConnection", emulator)))!;

        Assert.Equal("localhost:9092", config.Producer.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslPlaintext, config.Producer.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, config.Producer.SaslMechanism);
        Assert.Equal("$ConnectionString", config.Producer.SaslUsername);
        Assert.Equal(emulator, config.Producer.SaslPassword);
        Assert.Null(config.TokenScope);
    }

    [Fact]
    public void FromConfiguration_NamespaceConnectionString_UsesTls9093WithPlain()
    {
        var config = EventHubsKafkaConfig.FromConfiguration(Config(("EventHubConnection", "Endpoint=sb://evhns-tp.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=")))!;

        Assert.Equal("evhns-tp.servicebus.windows.net:9093", config.Producer.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.Producer.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, config.Producer.SaslMechanism);
    }

    [Fact]
    public void FromConfiguration_Always_DurableIdempotentProducer()
    {
        var config = EventHubsKafkaConfig.FromConfiguration(Config(("EventHubConnection:fullyQualifiedNamespace", "ns.servicebus.windows.net")))!;

        Assert.Equal(Acks.All, config.Producer.Acks);
        Assert.True(config.Producer.EnableIdempotence);
        Assert.InRange(config.Producer.LingerMs!.Value, 0, 20);
    }

    [Fact]
    public void FromConfiguration_NoSetting_IsNull()
    {
        Assert.Null(EventHubsKafkaConfig.FromConfiguration(Config()));
    }

    [Fact]
    public void FromConnectionString_NoEndpoint_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => EventHubsKafkaConfig.FromConnectionString("SharedAccessKey=abc"));

        Assert.Contains("EventHubConnection", ex.Message, StringComparison.Ordinal);
    }
}
