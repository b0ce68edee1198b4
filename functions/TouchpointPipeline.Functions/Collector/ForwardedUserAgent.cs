namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// The emitter's own User-Agent from a forwarded request. The Functions host forwards the original header with its own
/// product token appended (<c>… Azure-Functions-Host/4.x</c>); that token describes the host, not the customer's device,
/// so it is removed before the collector stores the value as the event's <c>useragent</c>.
/// </summary>
internal static class ForwardedUserAgent
{
    private const string HostToken = " Azure-Functions-Host/";

    public static string Of(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return string.Empty;
        }

        var at = header.LastIndexOf(HostToken, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return header.StartsWith(HostToken[1..], StringComparison.OrdinalIgnoreCase) && header.IndexOf(' ', StringComparison.Ordinal) < 0 ? string.Empty : header;
        }

        // The token is the host's last product: drop it (and anything the host put after it, e.g. a comment).
        return header[..at].TrimEnd();
    }
}
