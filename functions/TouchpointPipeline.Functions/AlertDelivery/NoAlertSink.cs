using TouchpointPipeline.Core.Alerts;

namespace TouchpointPipeline.Functions.AlertDelivery;

/// <summary>The sink when no webhook is configured: the alerts hub and store are the only destinations.</summary>
internal sealed class NoAlertSink : IAlertSink
{
    public bool Enabled => false;

    public void Publish(IReadOnlyList<Alert> alerts)
    {
    }
}
