using System.Globalization;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Core.Detection;

/// <summary>Builds the alert for an incident: evidence ids and times, a one-line summary, the rule's suggested action.</summary>
internal static class AlertFactory
{
    public static Alert Create(DetectionRule rule, string customerKey, string id, string incidentEventId, IReadOnlyList<StateEvent> evidence, DateTimeOffset now)
    {
        var first = evidence.Min(e => e.Time).ToUniversalTime();
        var last = evidence.Max(e => e.Time).ToUniversalTime();
        var types = string.Join(", ", evidence.GroupBy(e => e.Type, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()}× {g.Key}"));
        return new Alert
        {
            Id = id,
            RuleId = rule.Id,
            Severity = rule.Severity,
            CustomerKey = customerKey,
            IncidentEventId = incidentEventId,
            FirstEvidenceTime = first,
            LastEvidenceTime = last,
            EvidenceEventIds = evidence.Select(e => e.Id).ToArray(),
            Summary = string.Create(CultureInfo.InvariantCulture, $"{rule.Description} Evidence: {types} between {first.UtcDateTime:yyyy-MM-dd HH:mm:ss} and {last.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."),
            SuggestedAction = rule.SuggestedAction,
            Status = AlertStatus.Open,
            CreatedAt = now.ToUniversalTime(),
            Undelivered = AlertChannels.All,
        };
    }
}
