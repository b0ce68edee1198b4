using System.Globalization;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// Where the dev host's AMQP listener takes Event Hubs sends, and the connection string a client uses for it: the
/// Event Hubs emulator's shape (<c>UseDevelopmentEmulator=true</c> makes the Azure SDK use plain TCP on the given port).
/// The key is not checked; it exists because the SDK insists on one.
/// </summary>
internal sealed record AmqpEndpoint(int Port)
{
    public const string Host = "127.0.0.1";

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) => string.Create(CultureInfo.InvariantCulture,
        $"Endpoint=sb://{Host}:{port};SharedAccessKeyName=devhost;SharedAccessKey=devhost-local-key;UseDevelopmentEmulator=true");
}
