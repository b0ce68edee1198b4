using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// A request/response node such as <c>$cbs</c> or <c>$management</c>: the client attaches a sender to the node (its
/// requests) and a receiver whose target is its reply-to address (the answers). Each answer goes to the reply link of
/// the request's <c>reply-to</c> on the same connection, with <c>correlation-id</c> = the request's <c>message-id</c>.
/// </summary>
internal sealed class RequestResponseNode(string name, Func<AmqpMessage, AmqpMessage> answer)
{
    private readonly ConcurrentDictionary<(AmqpConnection Connection, string Address), SendingAmqpLink> _replyLinks = new();
    private long _nextTag;

    public string Name => name;

    public void AttachRequests(ReceivingAmqpLink link) =>
        link.RegisterMessageListener(request => OnRequest(link, request));

    public void AttachReplies(SendingAmqpLink link)
    {
        var key = (link.Session.Connection, ((Target)link.Settings.Target).Address?.ToString() ?? string.Empty);
        _replyLinks[key] = link;
        link.Closed += (_, _) => _replyLinks.TryRemove(new KeyValuePair<(AmqpConnection, string), SendingAmqpLink>(key, link));
    }

    private void OnRequest(ReceivingAmqpLink link, AmqpMessage request)
    {
        using (request)
        {
            if (!request.Settled)
            {
                link.AcceptMessage(request, settled: true, batchable: false);
            }

            var replyTo = request.Properties?.ReplyTo?.ToString();
            if (replyTo is null || !_replyLinks.TryGetValue((link.Session.Connection, replyTo), out var replies))
            {
                // Nowhere to answer: the client gave no reply-to or has not attached its reply link.
                return;
            }

            var response = answer(request);
            response.Properties.CorrelationId = request.Properties!.MessageId;
            response.Settled = true;
            var tag = BitConverter.GetBytes(Interlocked.Increment(ref _nextTag));
            replies.SendMessageNoWait(response, new ArraySegment<byte>(tag), AmqpConstants.NullBinary);
        }
    }

    public override string ToString() => name;
}
