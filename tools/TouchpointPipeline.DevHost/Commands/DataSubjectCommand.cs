using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.DevHost.Commands;

/// <summary>
/// <c>devhost export &lt;customer id or e-mail&gt;</c> and <c>devhost erase &lt;customer id or e-mail&gt;</c>: call the
/// app's <c>ExportDataSubject</c> / <c>EraseDataSubject</c> admin functions on a running dev host (default
/// <c>http://localhost:7071</c>), or on any URL that serves them (<c>--url</c>: the handler itself, or a function app in
/// Azure with <c>--key</c>, sent as <c>x-functions-key</c>). Prints the JSON answer; exit code 0 on success, 1 when
/// the call failed (the problem is printed to stderr), 2 on a usage error.
/// </summary>
internal static class DataSubjectCommand
{
    public const string DefaultUrl = "http://localhost:7071";

    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["export"] = "api/privacy/export",
        ["erase"] = "api/privacy/erase",
    };

    public static string Usage =>
        "usage: devhost export|erase <customer id or e-mail> [--url <dev host or app URL, default " + DefaultUrl + ">] [--key <function key>]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var command, out var customerId, out var url, out var key))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, Paths[command])
        {
            Content = JsonContent.Create(new JsonObject { ["customerId"] = customerId }),
        };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"devhost {command}: {(int)response.StatusCode} {response.ReasonPhrase} {body}");
                return 1;
            }

            await output.WriteLineAsync(body);
            return 0;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"devhost {command}: cannot reach {url}: {ex.Message} (is the dev host running?)");
            return 1;
        }
    }

    private static bool TryParse(IReadOnlyList<string> args, out string command, out string customerId, out Uri url, out string? key)
    {
        command = args.Count > 0 ? args[0] : string.Empty;
        customerId = string.Empty;
        url = new Uri(DefaultUrl + "/");
        key = null;
        string? urlText = null;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Count:
                    urlText = args[++i];
                    break;
                case "--key" when i + 1 < args.Count:
                    key = args[++i];
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && customerId.Length == 0:
                    customerId = value;
                    break;
                default:
                    return false;
            }
        }

        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText.EndsWith('/') ? urlText : urlText + "/", UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                return false;
            }

            url = parsed;
        }

        return Paths.ContainsKey(command) && !string.IsNullOrWhiteSpace(customerId);
    }
}
