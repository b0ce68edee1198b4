using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace TouchpointPipeline.DevHost.Commands;

/// <summary>
/// <c>replay parked|quarantined [--function F] [--from T] [--to T] [--id X] [--url U] [--key K] [--timeout T]</c>:
/// calls the admin function <c>ReplayParked</c> or <c>ReplayQuarantined</c> (<c>POST /api/replay/…</c>) on a running
/// dev host (default <c>http://localhost:7071</c>), a handler, or a function app in Azure (<c>--key</c> or the
/// environment variable <see cref="KeyVariable"/> is sent as <c>x-functions-key</c>), and prints its report. Exit code
/// 0 when every batch or record replayed, 1 when one failed or the call failed, 2 for a usage error.
/// </summary>
internal static class ReplayCommand
{
    public const string KeyVariable = "TOUCHPOINT_FUNCTION_KEY";
    public const string Usage = "usage: replay parked|quarantined [--function F] [--from T] [--to T] [--id X] [--url http://localhost:7071] [--key K] [--timeout 00:10:00]";

    private static readonly string[] Filters = ["--function", "--from", "--to", "--id"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var kind, out var options, out var problem))
        {
            await error.WriteLineAsync($"replay: {problem}\n{Usage}");
            return 2;
        }

        var baseUrl = options.GetValueOrDefault("--url", "http://localhost:7071").TrimEnd('/');
        var query = string.Join('&', Filters.Where(options.ContainsKey).Select(f => $"{f[2..]}={Uri.EscapeDataString(options[f])}"));
        var url = $"{baseUrl}/api/replay/{kind}" + (query.Length > 0 ? "?" + query : string.Empty);
        var timeout = options.TryGetValue("--timeout", out var t) ? TimeSpan.Parse(t, CultureInfo.InvariantCulture) : TimeSpan.FromMinutes(10);

        using var client = new HttpClient { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if ((options.GetValueOrDefault("--key") ?? Environment.GetEnvironmentVariable(KeyVariable)) is { Length: > 0 } key)
        {
            request.Headers.Add("x-functions-key", key);
        }

        string body;
        int status;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException)
        {
            await error.WriteLineAsync($"replay: nothing answers at {baseUrl} ({ex.Message}); start the dev host (dotnet run --project tools/TouchpointPipeline.DevHost) or pass --url.");
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"replay: no answer from {url} within {timeout}; the replay may still be running (a second run is safe).");
            return 1;
        }

        if (status != 200)
        {
            await error.WriteLineAsync($"replay: {url} answered {status}: {body}");
            return 1;
        }

        return await PrintAsync(kind, body, output);
    }

    private static async Task<int> PrintAsync(string kind, string body, TextWriter output)
    {
        using var report = JsonDocument.Parse(body);
        var root = report.RootElement;
        int Count(JsonElement e, string name) => e.GetProperty(name).GetInt32();
        var unit = kind == "parked" ? "batches" : "records";
        var left = kind == "parked" ? "quarantined" : "still quarantined";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Replay of {kind}: {Count(root, "batches")} {unit}, {Count(root, "replayed")} replayed, {Count(root, "failed")} failed; {Count(root, "received")} events received, {Count(root, "stored")} stored, {Count(root, "duplicates")} duplicates, {Count(root, "quarantined")} {left}"));
        foreach (var item in root.GetProperty("items").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString();
            var function = item.GetProperty("functionName").GetString();
            await output.WriteLineAsync(item.GetProperty("outcome").GetString() == "failed"
                ? $"  failed    {name}  {function}  {item.GetProperty("error").GetString()}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"  replayed  {name}  {function}  {Count(item, "received")} received, {Count(item, "stored")} stored, {Count(item, "duplicates")} duplicates, {Count(item, "quarantined")} quarantined"));
        }

        return Count(root, "failed") == 0 ? 0 : 1;
    }

    private static bool TryParse(string[] args, out string kind, out Dictionary<string, string> options, out string problem)
    {
        kind = args.Length > 0 ? args[0] : string.Empty;
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = string.Empty;
        if (kind is not ("parked" or "quarantined"))
        {
            problem = args.Length == 0 ? "say what to replay: parked or quarantined." : $"'{kind}' is neither parked nor quarantined.";
            return false;
        }

        string[] known = [.. Filters, "--url", "--key", "--timeout"];
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i], StringComparer.Ordinal) || i + 1 >= args.Length)
            {
                problem = known.Contains(args[i], StringComparer.Ordinal) ? $"{args[i]} needs a value." : $"unknown option '{args[i]}'.";
                return false;
            }

            options[args[i]] = args[i + 1];
        }

        if (options.TryGetValue("--timeout", out var timeout) && !(TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero))
        {
            problem = "--timeout must be a positive time span such as 00:10:00.";
            return false;
        }

        if (options.TryGetValue("--url", out var url) && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            problem = "--url must be an absolute URL such as http://localhost:7071.";
            return false;
        }

        return true;
    }
}
