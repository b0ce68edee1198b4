using System.Globalization;

namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>
/// The target of a producer link: <c>&lt;hub&gt;</c> (the hub places each event) or <c>&lt;hub&gt;/Partitions/&lt;n&gt;</c>.
/// The Azure SDK sends it as a path (<c>/clickstream</c>); other clients send the full address
/// (<c>amqp://host/clickstream</c>); both are read.
/// </summary>
internal sealed record EventHubsEntityPath(string Hub, int? Partition)
{
    public static EventHubsEntityPath? Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var path = Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "sb"
            ? uri.AbsolutePath
            : address;
        var parts = path.Trim('/').Split('/');
        return parts switch
        {
            [var hub] when hub.Length > 0 => new EventHubsEntityPath(hub, null),
            [var hub, var segment, var id] when hub.Length > 0
                && string.Equals(segment, "Partitions", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var partition) => new EventHubsEntityPath(hub, partition),
            _ => null,
        };
    }
}
