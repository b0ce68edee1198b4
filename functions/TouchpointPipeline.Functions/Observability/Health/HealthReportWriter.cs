using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TouchpointPipeline.Functions.Observability.Health;

/// <summary>
/// <c>{"status":"Unhealthy","checks":[{"name":"timelines","status":"Unhealthy","description":"…","error":"CosmosException","durationMs":12}]}</c>:
/// which store fails, by name and exception type; exception messages stay in the logs (the endpoint is anonymous).
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                // A thrown check's description is the exception message: logged by the health check service, not served.
                json.WriteString("description", entry.Exception is null ? entry.Description : null);
                json.WriteString("error", entry.Exception?.GetType().Name);
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}
