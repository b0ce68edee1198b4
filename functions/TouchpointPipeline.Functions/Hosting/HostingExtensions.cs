using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Console;
using TouchpointPipeline.Core;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Functions.AlertDelivery;
using TouchpointPipeline.Functions.Apis.OpenApi;
using TouchpointPipeline.Functions.Apis.Privacy;
using TouchpointPipeline.Functions.Apis.Replay;
using TouchpointPipeline.Functions.Collector;
using TouchpointPipeline.Functions.Hosting.FaultInjection;
using TouchpointPipeline.Functions.Observability;
using TouchpointPipeline.Functions.Observability.Health;
using TouchpointPipeline.Functions.Triggers.Ingest;
using TouchpointPipeline.Storage.DeadLetters;
using TouchpointPipeline.Storage.Cosmos;
using TouchpointPipeline.Storage.Sqlite;

namespace TouchpointPipeline.Functions.Hosting;

internal static class HostingExtensions
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Kestrel's request body limit for every endpoint that does not set its own: 5 MB.</summary>
    public const long MaxPublicRequestBodyBytes = 5L * 1024 * 1024;

    /// <summary>
    /// Listen where the Functions host calls: <c>http://127.0.0.1:{FUNCTIONS_CUSTOMHANDLER_PORT}</c> (docs/host-protocol.md §1.1).
    /// Without the variable the usual ASP.NET Core URL settings apply, on loopback (<see cref="LoopbackUrls"/>).
    /// </summary>
    public static WebApplicationBuilder UseCustomHandlerPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration[PortSetting];
        if (port is null)
        {
            if (LoopbackUrls.Resolve(builder.Configuration) is { } urls)
            {
                // URLS wins over HTTP_PORTS/HTTPS_PORTS; clearing them keeps Kestrel from warning that it overrode them.
                builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty).UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);
                builder.WebHost.UseUrls([.. urls]);
            }

            return builder;
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{PortSetting} must be a TCP port number (1-65535), but is '{port}'.");
        }

        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{number}"));
        return builder;
    }

    /// <summary>
    /// The host logs the handler's stdout as Information and stderr as Error (§1.3): one line per entry, errors to stderr.
    /// Request URLs never reach the log (<see cref="RequestLogCategories"/>).
    /// </summary>
    public static WebApplicationBuilder UseHostFriendlyConsoleLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Error);
        builder.Logging.CapRequestLogCategories();
        return builder;
    }

    /// <summary>Pipeline, the configured timeline store, quarantine/parking storage and the invocation handlers.</summary>
    public static IServiceCollection AddTouchpointFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        // Tight by default for the public APIs (the collector's own limit is at most 4 MB); the trigger endpoints raise
        // it for their request only (Triggers/Ingest/InvocationBody).
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxPublicRequestBodyBytes);
        services.AddTouchpointPipeline();

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        _ = storage.Provider switch
        {
            StorageProvider.Cosmos => services.AddCosmosStores(),
            _ => services.AddSqliteStores(),
        };
        services.AddDeadLetterStores(configuration);
        services.AddSingleton<IngestInvocationHandler>();
        services.AddSingleton<ParkedBatchReplayer>();
        services.AddSingleton<QuarantineReplayer>();
        services.AddSingleton<IDeadLetterEraser, ParkedBatchEraser>();
        services.AddCollector(configuration);
        services.AddAlertDelivery(configuration);
        services.AddTouchpointTelemetry(configuration);
        services.AddTouchpointHealthChecks();
        services.AddApiDescription();
        services.AddFaultInjection(configuration);
        return services;
    }
}
