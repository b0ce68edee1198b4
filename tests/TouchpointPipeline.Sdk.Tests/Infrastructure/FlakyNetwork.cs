using System.Net;

namespace TouchpointPipeline.Sdk.Tests.Infrastructure;

/// <summary>
/// Fails a fixed share of requests (seeded, so every run fails the same ones): half before the collector sees them,
/// half after it accepted and published them (the response is lost), which is what makes the ids' dedupe necessary.
/// </summary>
internal sealed class FlakyNetwork(HttpMessageHandler collector, double failureRate, int seed) : DelegatingHandler(collector)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public int Requests;
    public int FailedBefore;
    public int FailedAfter;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Requests);
        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        if (roll < failureRate / 2)
        {
            Interlocked.Increment(ref FailedBefore);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (roll < failureRate)
        {
            Interlocked.Increment(ref FailedAfter);
            response.Dispose();
            throw new HttpRequestException("connection reset after the collector answered (test)");
        }

        return response;
    }
}
