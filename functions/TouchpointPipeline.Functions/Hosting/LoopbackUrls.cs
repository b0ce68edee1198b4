using System.Globalization;
using System.Net;

namespace TouchpointPipeline.Functions.Hosting;

/// <summary>
/// Where the handler listens when the Functions host did not say (no <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; a container
/// with <c>ASPNETCORE_HTTP_PORTS</c>, a plain <c>dotnet run</c>): the ASP.NET Core URL settings, but on loopback. The
/// trigger endpoints and APIs have no key check of their own (the host does it), so they must not be reachable from
/// the network unless <see cref="ListenOnAllInterfacesSetting"/> says so.
/// </summary>
internal static class LoopbackUrls
{
    public const string ListenOnAllInterfacesSetting = "Hosting:ListenOnAllInterfaces";

    /// <summary>
    /// The URLs to listen on: <c>urls</c> (<c>ASPNETCORE_URLS</c>, <c>--urls</c>) with wildcard hosts (<c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) turned into <c>127.0.0.1</c>, else <c>http_ports</c>/<c>https_ports</c> on
    /// <c>127.0.0.1</c>; null when nothing is set (Kestrel's default is <c>localhost:5000</c>) or the setting allows all.
    /// </summary>
    /// <exception cref="InvalidOperationException">A URL names a host that is neither a wildcard nor loopback.</exception>
    public static IReadOnlyList<string>? Resolve(IConfiguration configuration)
    {
        if (bool.TryParse(configuration[ListenOnAllInterfacesSetting], out var all) && all)
        {
            return null;
        }

        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(OnLoopback)];
        }

        var ports = Ports(configuration["http_ports"], "http").Concat(Ports(configuration["https_ports"], "https")).ToList();
        return ports.Count > 0 ? ports : null;
    }

    private static IEnumerable<string> Ports(string? value, string scheme) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{port}"));

    private static string OnLoopback(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            throw new InvalidOperationException($"The URL '{url}' (ASPNETCORE_URLS) has no scheme.");
        }

        var rest = url[(schemeEnd + 3)..];
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']', StringComparison.Ordinal) + 1 : rest.IndexOfAny([':', '/']);
        var host = hostEnd <= 0 ? rest : rest[..hostEnd];
        var tail = hostEnd <= 0 ? string.Empty : rest[hostEnd..];
        if (host is "*" or "+" or "0.0.0.0" or "[::]" or "::")
        {
            return url[..(schemeEnd + 3)] + "127.0.0.1" + tail;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
        {
            return url;
        }

        throw new InvalidOperationException(
            $"The handler would listen on '{url}', which is not loopback: its trigger endpoints and APIs rely on the Functions host's "
            + $"key check. Listen on 127.0.0.1, or set {ListenOnAllInterfacesSetting.Replace(":", "__", StringComparison.Ordinal)}=true if something else protects it.");
    }
}
