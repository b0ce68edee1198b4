using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Logs;

namespace TouchpointPipeline.Functions.Hosting;

/// <summary>
/// Log categories of ASP.NET Core and HttpClient that print request URLs: paths carry customer ids (an e-mail address in
/// <c>/api/customers/{key}/timeline</c>), queries carry write keys (<c>?writeKey=</c>) and function keys (<c>?code=</c>),
/// outbound URLs carry webhook tokens. Each is capped at the level below which it prints them, for every logger
/// provider and for the console and OpenTelemetry ones by name, so no <c>Logging__…__LogLevel</c> setting in any
/// environment can turn them back on. The host logs every invocation itself; the request spans are the request log.
/// </summary>
internal static class RequestLogCategories
{
    public static IReadOnlyList<(string Category, LogLevel Minimum)> Capped { get; } =
    [
        // "Request starting HTTP/1.1 GET http://…/api/customers/ann@example.com/timeline?code=…" at Information.
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning),
        // "… candidate(s) found for the request path '/api/customers/ann@example.com/timeline'" at Debug.
        ("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information),
        // The HTTP logging middleware prints paths, queries and headers when anyone adds it.
        ("Microsoft.AspNetCore.HttpLogging", LogLevel.Warning),
        // Kestrel's bad-request lines can quote the request target at Debug.
        ("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Information),
        // "Sending HTTP request POST https://hooks.example.com/<token>" at Information (webhook, dev host publisher).
        ("System.Net.Http.HttpClient", LogLevel.Warning),
    ];

    public static ILoggingBuilder CapRequestLogCategories(this ILoggingBuilder logging)
    {
        foreach (var (category, minimum) in Capped)
        {
            logging.AddFilter(category, minimum);
            logging.AddFilter<ConsoleLoggerProvider>(category, minimum);
            logging.AddFilter<OpenTelemetryLoggerProvider>(category, minimum);
        }

        return logging;
    }
}
