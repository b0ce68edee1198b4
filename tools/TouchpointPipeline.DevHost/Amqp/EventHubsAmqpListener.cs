using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Options;
using TouchpointPipeline.DevHost.EventLog;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// The dev host's Event Hubs endpoint: an AMQP 1.0 listener (plain TCP) that <c>EventHubProducerClient</c> and
/// <c>EventHubBufferedProducerClient</c> publish into, as they would into the Event Hubs emulator. It serves
/// SASL <c>MSSBCBS</c>, <c>$cbs</c> put-token, <c>$management</c> reads, and producer links to <c>&lt;hub&gt;</c> and
/// <c>&lt;hub&gt;/Partitions/&lt;n&gt;</c>; each transfer is accepted only once its events are in the embedded log,
/// and rejected with an AMQP error otherwise. Unknown hubs are refused at attach with <c>amqp:not-found</c>.
/// </summary>
internal sealed class EventHubsAmqpListener : IHostedService, IRuntimeProvider, IDisposable
{
    // Enough in-flight transfers per link for the SDK's concurrent sends; the link tops credit up as it settles.
    private const uint LinkCredit = 300;
    private const uint MaxFrameSize = 64 * 1024;
    private static readonly AmqpSymbol ArgumentOutOfRange = "com.microsoft:argument-out-of-range";

    private readonly AmqpEndpoint _endpoint;
    private readonly KnownHubs _hubs;
    private readonly DevHostOptions _options;
    private readonly ILogger _logger;
    private readonly RequestResponseNode _cbs;
    private readonly RequestResponseNode _management;
    private readonly ConcurrentDictionary<AmqpConnection, byte> _connections = new();
    private AmqpTransportListener? _listener;

    public EventHubsAmqpListener(
        AmqpEndpoint endpoint, EmbeddedLog log, FunctionApp.FunctionAppManifest app, IOptions<DevHostOptions> options,
        TimeProvider time, ILoggerFactory loggers)
    {
        _endpoint = endpoint;
        _hubs = new KnownHubs(app, log);
        _options = options.Value;
        _logger = loggers.CreateLogger("DevHost.Amqp");
        _cbs = new RequestResponseNode("$cbs", ManagementAnswers.PutToken);
        _management = new RequestResponseNode("$management", new ManagementAnswers(_hubs, time.GetUtcNow()).Read);
    }

    /// <summary>Connections open right now.</summary>
    public int ConnectionCount => _connections.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = new AmqpSettings { RuntimeProvider = this };
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        // The Azure SDK offers MSSBCBS (authenticate later over $cbs); ANONYMOUS for other clients.
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);

        var tcp = new TcpTransportSettings { Host = AmqpEndpoint.Host, Port = _endpoint.Port };
        try
        {
            _listener = new AmqpTransportListener([tcp.CreateListener()], settings);
            _listener.Listen(OnAcceptTransport);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"The AMQP listener cannot listen on {AmqpEndpoint.Host}:{_endpoint.Port} ({ex.Message}); pass --amqp-port <port> (0 picks a free one).", ex);
        }

        AmqpLog.Listening(_logger, _endpoint.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Close();
        DropConnections();
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Close();

    /// <summary>Cuts every open connection at the TCP level, as a network failure would; clients reconnect.</summary>
    public int DropConnections()
    {
        var dropped = 0;
        foreach (var connection in _connections.Keys)
        {
            connection.SafeClose(new AmqpException(AmqpErrorCode.ConnectionForced, "The dev host closed the connection."));
            dropped++;
        }

        return dropped;
    }

    AmqpConnection IConnectionFactory.CreateConnection(
        TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    AmqpSession ISessionFactory.CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    AmqpLink ILinkFactory.CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        var receiving = settings.Role == true;
        var address = receiving ? (settings.Target as Target)?.Address?.ToString() : (settings.Source as Source)?.Address?.ToString();
        var node = NodeFor(address);
        if (node is not null)
        {
            if (receiving)
            {
                var requests = new ReceivingAmqpLink(session, settings);
                node.AttachRequests(requests);
                return requests;
            }

            var replies = new SendingAmqpLink(session, settings);
            node.AttachReplies(replies);
            return replies;
        }

        if (!receiving)
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "The dev host takes events only; read them through the function app's triggers.");
        }

        var entity = EventHubsEntityPath.Parse(address)
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, $"'{address}' is not an event hub address (<hub> or <hub>/Partitions/<n>).");
        if (!_hubs.TryGet(entity.Hub, out var hub))
        {
            // What the service says for a hub that does not exist in the namespace.
            throw new AmqpException(AmqpErrorCode.NotFound, $"The messaging entity 'sb://{session.Connection.Settings.HostName ?? AmqpEndpoint.Host}/{entity.Hub}' could not be found.");
        }

        if (entity.Partition is { } p && (p < 0 || p >= hub.Partitions.Count))
        {
            throw new AmqpException(ArgumentOutOfRange, $"Hub '{hub.Name}' has partitions 0 to {hub.Partitions.Count - 1}; there is no partition {p}.");
        }

        settings.MaxMessageSize = (ulong)_options.MaxMessageSize;
        settings.TotalLinkCredit = LinkCredit;
        settings.AutoSendFlow = true;
        var link = new ReceivingAmqpLink(session, settings);
        var producer = new ProducerLink(link, hub, entity.Partition, _options.MaxMessageSize, _logger);
        link.RegisterMessageListener(producer.OnTransfer);
        return link;
    }

    IAsyncResult ILinkFactory.BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state) =>
        new CompletedAsyncResult(callback, state);

    void ILinkFactory.EndOpenLink(IAsyncResult result)
    {
    }

    private RequestResponseNode? NodeFor(string? address) => address switch
    {
        _ when string.Equals(address, _cbs.Name, StringComparison.Ordinal) => _cbs,
        _ when string.Equals(address, _management.Name, StringComparison.Ordinal) => _management,
        _ => null,
    };

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        if (args.Exception is not null || args.Transport is null)
        {
            return;
        }

        var connectionSettings = new AmqpConnectionSettings
        {
            ContainerId = "touchpoint-devhost",
            MaxFrameSize = MaxFrameSize,
            IdleTimeOut = (uint)Math.Clamp(_options.AmqpIdleTimeout.TotalMilliseconds, 1_000, uint.MaxValue),
        };
        AmqpConnection? connection = null;
        try
        {
            connection = new AmqpConnection(args.Transport, (ProtocolHeader)args.UserToken, false, _listener!.AmqpSettings, connectionSettings);
            _connections.TryAdd(connection, 0);
            connection.Closed += (sender, args) => _connections.TryRemove((AmqpConnection)sender!, out var _);
            connection.BeginOpen(AmqpConstants.DefaultTimeout, OnConnectionOpened, connection);
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException or IOException or SocketException)
        {
            AmqpLog.ConnectionFailed(_logger, ex.Message);
            if (connection is not null)
            {
                connection.SafeClose(ex);
            }
            else
            {
                args.Transport.Abort();
            }
        }
    }

    private void OnConnectionOpened(IAsyncResult result)
    {
        var connection = (AmqpConnection)result.AsyncState!;
        try
        {
            connection.EndOpen(result);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or InvalidOperationException or ObjectDisposedException or IOException or SocketException or OperationCanceledException)
        {
            AmqpLog.ConnectionFailed(_logger, ex.Message);
            connection.SafeClose(ex);
        }
    }
}
