using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>
/// The <c>alerts</c> output binding (an <c>eventHub</c> output in function.json): a JSON array of strings, each one
/// alert's JSON, so the host sends each string as one event's exact body (docs/host-protocol.md §7.5).
/// </summary>
internal static class AlertOutputs
{
    public const string BindingName = "alerts";

    /// <summary>The outputs for these alerts; none at all when there are none (a missing output writes nothing, §7.1).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> For(IReadOnlyList<Alert> alerts) =>
        alerts.Count == 0
            ? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [BindingName] = alerts.Select(AlertJson.Serialize).ToArray() };
}
