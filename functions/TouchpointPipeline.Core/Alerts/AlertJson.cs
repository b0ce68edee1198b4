using System.Text.Json;

namespace TouchpointPipeline.Core.Alerts;

/// <summary>The one JSON shape of an alert: the API body, the <c>alerts</c> hub message and the webhook body.</summary>
public static class AlertJson
{
    public static string Serialize(Alert alert) => JsonSerializer.Serialize(alert, AlertJsonContext.Default.Alert);

    public static byte[] SerializeToUtf8Bytes(Alert alert) => JsonSerializer.SerializeToUtf8Bytes(alert, AlertJsonContext.Default.Alert);

    public static Alert Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, AlertJsonContext.Default.Alert) ?? throw new JsonException("An alert document was null.");
}
