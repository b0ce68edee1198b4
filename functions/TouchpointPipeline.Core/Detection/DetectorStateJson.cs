using System.Text.Json;

namespace TouchpointPipeline.Core.Detection;

/// <summary>The stored JSON of a <see cref="DetectorState"/>, shared by the adapters.</summary>
public static class DetectorStateJson
{
    public static byte[] SerializeToUtf8Bytes(DetectorState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, DetectionJsonContext.Default.DetectorState);

    public static DetectorState Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, DetectionJsonContext.Default.DetectorState) ?? throw new JsonException("A detector state document was null.");
}
