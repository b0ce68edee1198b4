namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>The CloudEvents naming rule for attributes (core spec section 3.1.1), and the message for data that is not JSON.</summary>
internal static class CloudEventAttributeNames
{
    public static bool IsValid(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    public static string NotJsonMessage(string? contentType) =>
        $"Touchpoint data is a JSON object: datacontenttype must be application/json (or a +json type), not '{contentType}'.";
}
