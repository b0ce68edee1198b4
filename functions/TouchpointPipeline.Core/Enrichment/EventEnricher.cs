using TouchpointPipeline.Core.Enrichment.Devices;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Enrichment;

/// <summary>
/// The stateless per-event enrichment, before anything is stored, in this order: identifiers configured as personal
/// data (an e-mail used as <c>customerid</c>) are replaced by their salted hash; PII in free text is replaced by typed
/// placeholders in <c>data</c>; a customer's chat message gets a sentiment score (computed on the redacted text, whose
/// placeholders are neutral); clickstream events get a device from their user agent. Results go to the event's
/// <see cref="TouchpointEvent.Enrichment"/> object; <c>data</c> is rewritten only when something was redacted.
/// </summary>
public sealed class EventEnricher(PiiRedactor redactor, ISentimentScorer sentiment, PiiHasher hasher)
{
    private readonly IdentifierProtector _identifiers = new(hasher);
    private readonly EventDataRedactor _redactor = new(redactor);
    private readonly DeviceCache _devices = new();

    public TouchpointEvent Enrich(TouchpointEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e = _identifiers.Protect(e);
        var redactions = new RedactionCounts();
        var data = _redactor.Redact(e.Type, e.Data, ref redactions, out var customerText);
        SentimentScore? score = customerText is { Length: > 0 } ? sentiment.Score(customerText) : null;
        var device = e.Channel is Channel.Web or Channel.App && e.UserAgent is { Length: > 0 } ua ? _devices.Get(ua) : null;
        if (score is null && redactions.Total == 0)
        {
            return device is null ? e : e with { Enrichment = device.EnrichmentOnly };
        }

        return e with { Data = data, Enrichment = EnrichmentWriter.Write(device?.Device, score, redactions) };
    }
}
