using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Pipeline;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Functions.AlertDelivery;
using TouchpointPipeline.Functions.Triggers.HostPayloads;

namespace TouchpointPipeline.Functions.Triggers.Sweep;

/// <summary>
/// The <c>SweepPatterns</c> timer invocation: judge due absence windows, escalate stale open alerts, and deliver
/// them, with every older alert the outbox still holds undelivered, as the <c>alerts</c> output and to the webhook. A
/// failure answers 500; the next tick runs the same idempotent sweep again, and its outbox delivers what this one stored.
/// Each tick also runs the retention purge of the embedded stores when it is due (<see cref="RetentionPurger"/>).
/// </summary>
internal sealed class SweepInvocationHandler(SweepService sweep, AlertOutbox outbox, RetentionPurger retention, PipelineMetrics metrics, ILogger<SweepInvocationHandler> logger)
{
    public const string FunctionName = "SweepPatterns";
    public const string TriggerBindingName = "timer";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (!TimerInvocationDecoder.TryDecode(buffer.ToArray(), TriggerBindingName, out var timer, out var error))
        {
            // Not retryable: the host sent something else than a timer payload. Fail loudly so it shows in monitoring.
            SweepLog.InvalidPayload(logger, error);
            return InvocationResults.Failure(error);
        }

        try
        {
            var result = await sweep.SweepAsync(timer.IsPastDue, cancellationToken);
            await retention.PurgeIfDueAsync(cancellationToken);
            var published = await outbox.CollectForSweepAsync(result.Raised.Concat(result.Escalated).ToList(), cancellationToken);
            outbox.MarkHubDeliveredAfterResponse(request.HttpContext, published);
            metrics.RecordSweepAlerts(result.Raised);
            metrics.RecordDelivered(published, "hub");
            return InvocationResults.Success(AlertOutputs.For(published), $"{FunctionName}: {result.Summary}" + (timer.IsPastDue ? " (past due)" : string.Empty));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SweepLog.Failed(logger, ex);
            return InvocationResults.Failure($"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
