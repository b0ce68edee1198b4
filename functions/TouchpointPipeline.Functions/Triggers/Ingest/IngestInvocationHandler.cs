using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Functions.AlertDelivery;
using TouchpointPipeline.Functions.Triggers.HostPayloads;

namespace TouchpointPipeline.Functions.Triggers.Ingest;

/// <summary>
/// Runs one Event Hubs trigger invocation. The host checkpoints a batch once the invocation succeeds, or once its last
/// retry has failed (docs/host-protocol.md §7.7), so the handler never answers 2xx for a batch that is neither processed
/// (stored, duplicate or quarantined per event) nor parked:
/// <list type="bullet">
/// <item>a transient failure (a store or the blob service down) answers 500 and the host retries; the ingest functions
/// retry without limit (<c>maxRetryCount: -1</c>), so the partition waits until the store recovers;</item>
/// <item>a permanent failure (an undecodable payload, a poison batch) is parked at once and answered 200;</item>
/// <item>only when the host says this attempt is its last (a finite policy) is a transient failure parked too;</item>
/// <item>if parking fails, the answer is 500, whatever the attempt.</item>
/// </list>
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
        var started = time.GetTimestamp();
        if (await InvocationBody.ReadAsync(request, InvocationBody.MaxBytes, cancellationToken) is not { } payload)
        {
            // Not read, so not parkable: a non-2xx keeps the batch with the host (it retries; nothing is checkpointed).
            IngestLog.PayloadTooLarge(logger, function.Name, invocationId, InvocationBody.MaxBytes);
            return InvocationResults.TooLarge($"The invocation body is larger than {InvocationBody.MaxBytes} bytes.");
        }

        var hubName = configuration[function.HubSetting] ?? function.DefaultHub;
        DecodeResult decoded;
        try
        {
            decoded = EventHubBatchDecoder.Decode(payload, IngestFunction.TriggerBindingName, hubName);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            decoded = DecodeResult.Failure($"The payload could not be decoded ({ex.GetType().Name}).", null);
        }

        if (decoded.Invocation is not { } invocation)
        {
            // Retrying cannot make an unreadable payload readable: park it at once.
            return await ParkAsync(function, invocationId, payload, BatchIdentity.IdForPayload(function.Name, payload.Span),
                attempts: (decoded.Retry?.RetryCount ?? 0) + 1, "InvalidPayload", decoded.Error!, cancellationToken);
        }

        var hub = invocation.Events.Count > 0 ? invocation.Events[0].Position.Hub : hubName;
        try
        {
            // A retry (RetryCount > 0) follows a failed attempt whose outputs the host dropped: detection then hands back
            // the alerts that attempt raised, so each alert reaches the alerts hub once per successful invocation.
            var isRetry = decoded.Retry is { RetryCount: > 0 };
            var result = await pipeline.ProcessAsync(new IngestBatch(function.Name, hub, invocation.Events, isRetry), cancellationToken);
            alertSink.Publish(result.Alerts);
            metrics.RecordBatchDuration(function.Name, hub, time.GetElapsedTime(started));
            metrics.RecordDelivered(result.Alerts, "hub");
            outbox.MarkHubDeliveredAfterResponse(request.HttpContext, result.Alerts);
            return InvocationResults.Success(AlertOutputs.For(result.Alerts), $"{function.Name}: {result.Summary}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempt = (decoded.Retry?.RetryCount ?? 0) + 1;
            // Transient: wait for the store (the host retries). Permanent: the same bytes fail the same way, so park now
            // rather than stall the partition behind a poison batch.
            if (TransientFailures.IsTransient(ex) && !RetryContext.IsFinalAttempt(decoded.Retry))
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
            // Parking failed too: never acknowledge the batch. With unbounded retries the host calls again; under a
            // finite policy this is its last chance, logged as Critical (docs/host-protocol.md §7.7).
            IngestLog.ParkingFailed(logger, ex, function.Name, invocationId, batchId);
            return InvocationResults.Failure($"Parking failed: {ex.Message}");
        }

        metrics.RecordParked(function.Name);
        IngestLog.BatchParked(logger, function.Name, invocationId, batchId, attempts, failureMessage);
        return InvocationResults.Success($"{function.Name}: batch {batchId} parked for replay after {attempts} attempt(s): {failureMessage}");
    }
}
