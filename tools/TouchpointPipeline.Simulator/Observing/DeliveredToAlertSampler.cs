using System.Text.Json;
using TouchpointPipeline.Simulator.Journeys;
using TouchpointPipeline.Simulator.Reporting;

namespace TouchpointPipeline.Simulator.Observing;

/// <summary>
/// Alert latency from the moment the triggering event was delivered to the pipeline (its enqueued time in the log,
/// read back from the timeline) to the alert's creation: the pipeline's own reaction time, without the queueing in
/// front of it. Sampled over at most 300 alerts raised by their event (one timeline read each).
/// </summary>
internal sealed class DeliveredToAlertSampler(HttpClient client, Uri api, RulePatterns rules)
{
    private const int MaxSamples = 300;

    public async Task<LatencyHistogram> SampleAsync(IReadOnlyList<ObservedAlert> alerts, CancellationToken cancellationToken)
    {
        var histogram = new LatencyHistogram();
        foreach (var alert in alerts.Where(a => !rules.IsSweepRaised(a.Rule)).Take(MaxSamples))
        {
            using var response = await client.GetAsync(new Uri(api, $"customers/{Uri.EscapeDataString(alert.CustomerKey)}/timeline?limit=200"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var item = page.RootElement.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("id").GetString() == alert.IncidentEventId);
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("enqueuedTime", out var enqueued) && enqueued.TryGetDateTimeOffset(out var at))
            {
                histogram.Record(alert.CreatedAt - at);
            }
        }

        return histogram;
    }
}
