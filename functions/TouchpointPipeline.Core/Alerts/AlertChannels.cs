namespace TouchpointPipeline.Core.Alerts;

/// <summary>
/// The destinations an alert is delivered to, tracked separately so one that is down does not hold back the other:
/// the <c>alerts</c> Event Hub (an output binding) and the optional webhook.
/// </summary>
[Flags]
public enum AlertChannels
{
    None = 0,
    Hub = 1,
    Webhook = 2,
    All = Hub | Webhook,
}
