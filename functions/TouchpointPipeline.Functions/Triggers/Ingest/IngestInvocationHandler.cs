using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Functions.AlertDelivery;
using TouchpointPipeline.Functions.Triggers.HostPayloads;

namespace TouchpointPipeline.Functions.Triggers.Ingest;

/// <summary>
/// Runs one Event Hubs trigger invocation. The host checkpoints a batch after its last retry whatever the outcome
/// (protocol doc §7.7), so the rule is: fail (500) while the host will still retry, and on the last attempt park the
/// exact request body for replay and answer 200. Nothing is acknowledged that is neither stored, quarantined nor parked.
/// </summary>
internal sealed class IngestInvocationHandler(
    IngestPipeline pipeline,
    IParkedBatchStore parked,
    IAlertSink alertSink,
    AlertOutbox outbox,
    PipelineMetrics metrics,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<IngestInvocationHandler> logger)
{
    public async Task<IResult> HandleAsync(IngestFunction function, HttpRequest request, CancellationToken cancellationToken)
    {
        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        var payload = await ReadBodyAsync(request, cancellationToken);
        var decoded = EventHubBatchDecoder.Decode(payload, IngestFunction.TriggerBindingName, configuration[function.HubSetting] ?? function.DefaultHub);
        if (decoded.Invocation is not { } invocation)
        {
            // Retrying cannot make an unreadable payload readable: park it at once.
            return await ParkAsync(function, invocationId, payload, BatchIdentity.IdForPayload(function.Name, payload.Span),
                attempts: (decoded.Retry?.RetryCount ?? 0) + 1, "InvalidPayload", decoded.Error!, cancellationToken);
        }

        var hub = invocation.Events.Count > 0 ? invocation.Events[0].Position.Hub : configuration[function.HubSetting] ?? function.DefaultHub;
        try
        {
            // A retry (RetryCount > 0) follows a failed attempt whose outputs the host dropped: detection then hands back
            // the alerts that attempt raised, so each alert reaches the alerts hub once per successful invocation.
            var isRetry = decoded.Retry is { RetryCount: > 0 };
            var result = await pipeline.ProcessAsync(new IngestBatch(function.Name, hub, invocation.Events, isRetry), cancellationToken);
            alertSink.Publish(result.Alerts);
            outbox.MarkHubDeliveredAfterResponse(request.HttpContext, result.Alerts);
            return InvocationResults.Success(AlertOutputs.For(result.Alerts), $"{function.Name}: {result.Summary}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempt = (decoded.Retry?.RetryCount ?? 0) + 1;
            if (!RetryContext.IsFinalAttempt(decoded.Retry))
            {
                IngestLog.AttemptFailed(logger, ex, function.Name, invocationId, attempt);
                return InvocationResults.Failure($"{ex.GetType().Name}: {ex.Message}");
            }

            return await ParkAsync(function, invocationId, payload, BatchIdentity.IdFor(hub, invocation.Events),
                attempt, ex.GetType().FullName ?? ex.GetType().Name, ex.Message, cancellationToken);
        }
    }

    private async Task<IResult> ParkAsync(
        IngestFunction function, string? invocationId, ReadOnlyMemory<byte> payload, string batchId,
        int attempts, string failureType, string failureMessage, CancellationToken cancellationToken)
    {
        try
        {
            await parked.ParkAsync(
                new ParkedBatch(batchId, function.Name, time.GetUtcNow(), attempts, failureType, failureMessage, payload),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Parking failed too: a 500 is the only way left to keep the batch (the host retries if it still can).
            IngestLog.ParkingFailed(logger, ex, function.Name, invocationId, batchId);
            return InvocationResults.Failure($"Parking failed: {ex.Message}");
        }

        metrics.RecordParked(function.Name);
        IngestLog.BatchParked(logger, function.Name, invocationId, batchId, attempts, failureMessage);
        return InvocationResults.Success($"{function.Name}: batch {batchId} parked for replay after {attempts} attempt(s): {failureMessage}");
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The host streams the body chunked, without Content-Length (§2.1).
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 64 * 1024);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
