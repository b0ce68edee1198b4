using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using TouchpointPipeline.DevHost.EventLog;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// One producer's link to a hub (or one partition of it): each transfer is decoded, appended to the embedded log, and
/// only then accepted; a transfer that cannot be taken is rejected with the AMQP error the service would send
/// (<c>amqp:link:message-size-exceeded</c>, <c>amqp:decode-error</c>), and nothing of it is appended.
/// </summary>
internal sealed class ProducerLink(ReceivingAmqpLink link, HubLog hub, int? partition, int maxMessageSize, ILogger logger)
{
    public void OnTransfer(AmqpMessage message)
    {
        using (message)
        {
            Outcome outcome;
            try
            {
                if (message.BytesTransfered > maxMessageSize)
                {
                    throw new AmqpException(AmqpErrorCode.MessageSizeExceeded,
                        $"The message is {message.BytesTransfered} bytes; hub '{hub.Name}' takes at most {maxMessageSize} bytes per message or batch.");
                }

                var events = AmqpEventReader.Read(message);
                if (partition is { } p)
                {
                    hub.Partitions[p].Append(events);
                }
                else
                {
                    hub.Append(events);
                }

                outcome = AmqpConstants.AcceptedOutcome;
            }
            catch (AmqpException ex)
            {
                AmqpLog.TransferRejected(logger, hub.Name, ex.Error.Condition.Value, ex.Message);
                outcome = new Rejected { Error = ex.Error };
            }

            link.DisposeMessage(message, outcome, settled: true, batchable: message.Batchable);
        }
    }
}
