using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>
/// What Cosmos DB charged, as the SDK reports it (<c>RequestCharge</c> of every response, throttled and failed ones
/// included): counter <c>touchpoint.cosmos.request_charge</c> (RU) and <c>touchpoint.cosmos.requests</c> (round trips),
/// both tagged with <c>container</c> and <c>operation</c>, so RU per event and per read can be read off a real account.
/// </summary>
internal sealed class CosmosMetrics
{
    public const string MeterName = "TouchpointPipeline.Cosmos";

    private readonly Counter<double> _requestCharge;
    private readonly Counter<long> _requests;

    /// <param name="meterFactory">The host's factory; without one (a bare service collection) the meter is created directly.</param>
    public CosmosMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requestCharge = meter.CreateCounter<double>("touchpoint.cosmos.request_charge", "RU", "Request units Cosmos DB charged, per container and operation.");
        _requests = meter.CreateCounter<long>("touchpoint.cosmos.requests", "{request}", "Cosmos DB round trips, per container and operation.");
    }

    public void Record(string container, string operation, double requestCharge)
    {
        var tags = new TagList { { "container", container }, { "operation", operation } };
        _requests.Add(1, tags);
        _requestCharge.Add(requestCharge, tags);
    }
}
