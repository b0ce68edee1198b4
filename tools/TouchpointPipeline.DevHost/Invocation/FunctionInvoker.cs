using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// Sends default-payload invocations (<c>POST /{FunctionName}</c>, docs/host-protocol.md §2) and applies the function's retry
/// policy: a failed attempt is sent again with the same data and <c>RetryContext.RetryCount</c> + 1 after the policy's
/// delay, until it succeeds or <c>maxRetryCount</c> retries have failed (§7.6). Delays use <see cref="TimeProvider"/>.
/// </summary>
internal sealed class FunctionInvoker(HandlerConnection handler, FunctionAppManifest app, TimeProvider time, ILoggerFactory loggers)
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
    private readonly ILogger _logger = loggers.CreateLogger("DevHost.Invocations");

    /// <param name="writePayload">Writes the request body for one attempt (same data, that attempt's metadata).</param>
    public async Task<InvocationResult> InvokeAsync(FunctionDefinition function, Action<Utf8JsonWriter, InvocationAttempt> writePayload, CancellationToken cancellationToken)
    {
        var baseAddress = await handler.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        var policy = function.Retry;
        FailureInfo? failure = null;
        for (var retryCount = 0; ; retryCount++)
        {
            var attempt = new InvocationAttempt(
                Guid.NewGuid(), time.GetUtcNow(), Guid.NewGuid(),
                policy is null ? null : new RetryState(retryCount, policy.MaxRetryCount, failure));
            var (response, attemptFailure) = await SendAsync(baseAddress, function, attempt, writePayload, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                var userLogger = loggers.CreateLogger($"Function.{function.Name}.User");
                foreach (var line in response.Logs)
                {
                    DevHostLog.UserLog(userLogger, function.Name, attempt.InvocationId, line);
                }

                return new InvocationResult(retryCount + 1, response, null);
            }

            failure = attemptFailure!;
            var final = policy is null || (policy.MaxRetryCount >= 0 && retryCount >= policy.MaxRetryCount);
            if (final)
            {
                DevHostLog.InvocationFailedFinally(_logger, function.Name, attempt.InvocationId, retryCount + 1, failure.ToString());
                return new InvocationResult(retryCount + 1, null, failure);
            }

            var delay = policy!.DelayBefore(retryCount + 1);
            DevHostLog.InvocationFailedWillRetry(_logger, function.Name, attempt.InvocationId, retryCount + 1, delay, failure.ToString());
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<(InvocationResponse? Response, FailureInfo? Failure)> SendAsync(
        Uri baseAddress, FunctionDefinition function, InvocationAttempt attempt, Action<Utf8JsonWriter, InvocationAttempt> writePayload, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            using var writer = new Utf8JsonWriter(body, HostJsonWriter.Options);
            writePayload(writer, attempt);
        }
        catch (TriggerBindingException ex)
        {
            return (null, new FailureInfo("System.InvalidOperationException", ex.Message, null));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/" + function.Name))
        {
            Content = new ReadOnlyMemoryContent(body.WrittenMemory) { Headers = { ContentType = JsonUtf8 } },
        };
        HostIdentity.AddTo(request, attempt.InvocationId);

        // The host's client timeout is functionTimeout + 1 minute (§2.1); unbounded without a functionTimeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (app.Host.FunctionTimeout is { } functionTimeout)
        {
            timeout.CancelAfter(functionTimeout + TimeSpan.FromMinutes(1));
        }

        try
        {
            using var response = await handler.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            return await InvocationResponseReader.ReadAsync(response, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return (null, new FailureInfo("System.Net.Http.HttpRequestException", ex.Message, null));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new FailureInfo("Microsoft.Azure.WebJobs.Host.FunctionTimeoutException", $"Timeout value of {app.Host.FunctionTimeout} was exceeded by function: Functions.{function.Name}", null));
        }
    }
}
