using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// One request with the stores' shared policy: 2xx, 404, 409 and 412 are answers the caller interprets; 429, 503,
/// 408 and 449 are retried honouring retry-after within <see cref="CosmosStorageOptions.MaxRetryWaitTime"/>; anything
/// else throws a <see cref="CosmosException"/> naming the operation, so the invocation fails and the host retries.
/// Every response's charge goes to <see cref="CosmosMetrics"/>, tagged with the operation.
/// </summary>
internal sealed class CosmosRequests(Container container, CosmosStorageOptions options, TimeProvider timeProvider, CosmosMetrics? metrics = null)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    public Container Container => container;

    public async Task<ResponseMessage> SendAsync(string operation, Func<CancellationToken, Task<ResponseMessage>> send, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var response = await send(cancellationToken);
            metrics?.Record(container.Id, operation, response.Headers.RequestCharge);
            if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
            {
                return response;
            }

            using (response)
            {
                var budget = options.MaxRetryWaitTime - waited;
                if ((int)response.StatusCode is not (429 or 503 or 408 or 449) || attempt > options.MaxRetryAttempts || budget <= TimeSpan.Zero)
                {
                    throw new CosmosException(
                        $"{operation} in Cosmos DB container '{container.Id}' failed with status {(int)response.StatusCode} after {attempt} attempt(s); activity id {response.Headers.ActivityId}.",
                        response.StatusCode, 0, response.Headers.ActivityId, response.Headers.RequestCharge);
                }

                var delay = double.TryParse(response.Headers["x-ms-retry-after-ms"], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0
                    ? TimeSpan.FromMilliseconds(ms)
                    : FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 6));
                delay = delay < budget ? delay : budget;
                await Task.Delay(delay, timeProvider, cancellationToken);
                waited += delay;
            }
        }
    }
}
