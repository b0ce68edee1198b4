using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TouchpointPipeline.Functions.Observability.LocalMetrics;

namespace TouchpointPipeline.Functions.Observability;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The local metrics snapshot (always: <c>GET /api/metrics</c>), and with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
    /// set, OpenTelemetry traces and metrics exported to Application Insights: one request span per invocation tagged
    /// with the host's invocation id, dependency spans from the Azure SDKs and Cosmos, the pipeline meters.
    /// </summary>
    public static IServiceCollection AddTouchpointTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MetricsCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsCollector>());

        // ASP.NET Core's own per-request lines stay out of the log: Hosting/RequestLogCategories.
        var connectionString = configuration[TelemetryNames.ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        AppContext.SetSwitch(TelemetryNames.AzureActivitySourceSwitch, true);
        services.Configure<AspNetCoreTraceInstrumentationOptions>(o =>
        {
            o.Filter = context => !QuietRoutes.IsQuiet(context.Request.Path);
            o.EnrichWithHttpRequest = static (activity, request) =>
            {
                var id = request.Headers[TelemetryNames.InvocationIdHeader].ToString();
                if (id.Length == 0)
                {
                    id = request.Headers[TelemetryNames.ForwardedInvocationIdHeader].ToString();
                }

                if (id.Length > 0)
                {
                    activity.SetTag(TelemetryNames.InvocationIdAttribute, id);
                }
            };
        });
        services.AddOpenTelemetry()
            .UseAzureMonitor(o =>
            {
                o.ConnectionString = connectionString;
                o.Credential = CredentialFor(configuration[TelemetryNames.AuthenticationStringSetting]);
            })
            .WithTracing(t => t.AddSource(TelemetryNames.ActivitySources))
            .WithMetrics(m => m.AddMeter(TelemetryNames.MeterNames));
        return services;
    }

    /// <summary>
    /// Entra ID auth to Application Insights (local auth is off in the Bicep): the user-assigned identity named by
    /// <c>ClientId=</c> in <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>; no string means no credential (key-based
    /// ingestion, e.g. a developer's own resource).
    /// </summary>
    internal static TokenCredential? CredentialFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        string? clientId = null;
        var aad = false;
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = part.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? (part[..i].Trim(), part[(i + 1)..].Trim()) : (part, string.Empty);
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                aad = value.Equals("AAD", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("ClientId", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                clientId = value;
            }
        }

        return !aad ? null
            : clientId is null ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
