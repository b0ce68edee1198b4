using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TouchpointPipeline.DevHost.Amqp;
using TouchpointPipeline.DevHost.Control;
using TouchpointPipeline.DevHost.DemoSite;
using TouchpointPipeline.DevHost.EventHubs;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.FunctionApp;
using TouchpointPipeline.DevHost.Handler;
using TouchpointPipeline.DevHost.Http;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Outputs;
using TouchpointPipeline.DevHost.Simulation;
using TouchpointPipeline.DevHost.Timers;
using TouchpointPipeline.Simulator;

namespace TouchpointPipeline.DevHost;

/// <summary>Builds the dev host: reads the function app, starts nothing until the host runs.</summary>
internal static class DevHostApplication
{
    /// <summary>Command-line switches and the settings they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--port"] = "DevHost:Port",
        ["--partitions"] = "DevHost:Partitions",
        ["--amqp-port"] = "DevHost:AmqpPort",
        ["--app"] = "DevHost:AppPath",
        ["--settings"] = "DevHost:SettingsPath",
        ["--data"] = "DevHost:DataPath",
        ["--handler-url"] = "DevHost:HandlerUrl",
        ["--redeliver-every"] = "DevHost:RedeliverEvery",
        ["--startup-timeout"] = "DevHost:StartupTimeout",
        ["--sdk"] = "DevHost:SdkPath",
        ["--simulate"] = "Simulation:Enabled",
        ["--customers"] = "Simulation:Customers",
        ["--seed"] = "Simulation:Seed",
        ["--rate"] = "Simulation:Rate",
        ["--events"] = "Simulation:Events",
        ["--duration"] = "Simulation:Duration",
        ["--report"] = "Simulation:Report",
        ["--pain-share"] = "Simulation:PainShare",
        ["--senders"] = "Simulation:Senders",
        ["--batch-size"] = "Simulation:BatchSize",
        ["--write-key"] = "Simulation:WriteKey",
        ["--exit-when-done"] = "Simulation:ExitWhenDone",
        ["--via"] = "Simulation:Via",
    };

    /// <summary>Switches that may be given without a value (then meaning true).</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--simulate" };

    /// <exception cref="FunctionAppException">The function app or the settings cannot be used (the message says why).</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        args = ExpandFlags(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary());
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        var options = builder.Configuration.GetSection(DevHostOptions.SectionName).Get<DevHostOptions>() ?? new DevHostOptions();
        var port = options.Port == 0 ? HandlerProcess.FreePort() : options.Port;
        builder.Configuration[$"{DevHostOptions.SectionName}:Port"] = port.ToString(CultureInfo.InvariantCulture);
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}"));
        var amqpPort = options.AmqpPort == 0 ? HandlerProcess.FreePort() : options.AmqpPort;
        builder.Configuration[$"{DevHostOptions.SectionName}:AmqpPort"] = amqpPort.ToString(CultureInfo.InvariantCulture);
        // The simulator's --via eventhubs publishes into this dev host unless told otherwise.
        builder.Configuration["Simulation:EventHubsConnection"] ??= AmqpEndpoint.ConnectionStringFor(amqpPort);

        var settings = AppSettingsLoader.Load(options, builder.Environment.ContentRootPath);
        var simulation = builder.Configuration.GetSection(SimulationOptions.SectionName).Get<SimulationOptions>() ?? new SimulationOptions();
        if (simulation.Enabled && !settings.Values.ContainsKey("Logging__LogLevel__Default") && Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is null)
        {
            // The app logs a line per batch; thousands a second would bury the simulator's progress. Warnings still show.
            settings = settings.With([new("Logging__LogLevel__Default", "Warning")]);
        }

        if (simulation.Enabled)
        {
            // Same for the functions' own log lines the dev host relays (Function.<name>.User).
            // (This rule replaces the default one, so it keeps the default Information minimum itself.)
            builder.Logging.AddFilter((_, category, level) => level >= LogLevel.Warning
                || (level >= LogLevel.Information && (category is null || !category.StartsWith("Function.", StringComparison.Ordinal) || !category.EndsWith(".User", StringComparison.Ordinal))));
        }

        var appPath = options.AppPath is { Length: > 0 } given ? Path.GetFullPath(given, builder.Environment.ContentRootPath) : BuiltFunctionAppDirectory();
        var manifest = FunctionAppManifest.Load(appPath, settings);

        builder.Services.AddOptions<DevHostOptions>().BindConfiguration(DevHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(manifest);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new DevHostAddress(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"))));
        builder.Services.AddSingleton<EmbeddedLog>();
        builder.Services.AddSingleton(new AmqpEndpoint(amqpPort));
        builder.Services.AddSingleton<EventHubsAmqpListener>();
        builder.Services.AddSingleton<HandlerConnection>();
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddSingleton<OutputBindingWriter>();
        builder.Services.AddSingleton<HttpForwarder>();
        builder.Services.AddSingleton<HandlerProcess>();
        builder.Services.AddSingleton<EventHubTriggerService>();
        builder.Services.AddSingleton<TimerTriggerService>();

        // Order matters: the AMQP listener is up before the handler (whose collector publishes to it), the handler
        // before any trigger fires.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventHubsAmqpListener>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HandlerProcess>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventHubTriggerService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerTriggerService>());
        builder.Services.AddSingleton<ISimulationTarget, DevHostSimulationTarget>();
        builder.Services.AddTrafficSimulator(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/", (DevHostAddress address, FunctionAppManifest functions) => TypedResults.Ok(new
        {
            devHost = address.BaseUrl,
            app = functions.RootDirectory,
            functions = functions.Functions.Select(f => new { name = f.Name, trigger = f.Trigger!.Type }),
        }));
        app.UseDemoSite(options.SdkPath);
        app.MapDevHostEndpoints();
        app.MapHttpFunctionEndpoints(manifest);
        return app;
    }

    /// <summary><c>--simulate</c> alone means <c>--simulate true</c> (the command-line provider wants a value).</summary>
    internal static string[] ExpandFlags(string[] args)
    {
        var expanded = new List<string>(args.Length + 1);
        for (var i = 0; i < args.Length; i++)
        {
            expanded.Add(args[i]);
            if (Flags.Contains(args[i]) && (i + 1 == args.Length || args[i + 1].StartsWith('-')))
            {
                expanded.Add("true");
            }
        }

        return [.. expanded];
    }

    /// <summary>The function app's build output, recorded when the dev host was built (see the csproj).</summary>
    public static string BuiltFunctionAppDirectory() =>
        typeof(DevHostApplication).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "FunctionAppDirectory")?.Value
        ?? throw new FunctionAppException("The dev host was built without the function app's location; pass --app <folder with host.json>.");

    /// <summary>What <c>func start</c> prints: the functions and, for HTTP ones, their URLs.</summary>
    public static IEnumerable<string> Describe(FunctionAppManifest app, DevHostAddress address, DevHostOptions options)
    {
        var baseUrl = address.BaseUrl.ToString().TrimEnd('/').Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        yield return $"Functions ({app.RootDirectory}):";
        foreach (var function in app.Functions)
        {
            var trigger = function.Trigger!;
            yield return trigger.Type.ToUpperInvariant() switch
            {
                "HTTPTRIGGER" => $"  {function.Name}: [{string.Join(',', trigger.GetStrings("methods").Select(m => m.ToUpperInvariant()).DefaultIfEmpty("ALL"))}] {baseUrl}/{(app.Host.RoutePrefix.Length > 0 ? app.Host.RoutePrefix + "/" : string.Empty)}{trigger.GetString("route") ?? function.Name}",
                "EVENTHUBTRIGGER" => $"  {function.Name}: eventHubTrigger on hub '{trigger.GetString("eventHubName")}' ({options.Partitions} partitions, consumer group '{trigger.GetString("consumerGroup") ?? "$Default"}'){(function.Retry is { } r ? $", retry {r.Strategy} x{r.MaxRetryCount}" : string.Empty)}",
                "TIMERTRIGGER" => $"  {function.Name}: timerTrigger '{trigger.GetString("schedule")}'",
                _ => $"  {function.Name}: {trigger.Type} (not run by the dev host)",
            };
        }

        yield return $"Event Hubs (AMQP): {AmqpEndpoint.ConnectionStringFor(options.AmqpPort)}";
        yield return $"Append events: POST {baseUrl}/_devhost/hubs/<hub>/messages   status: GET {baseUrl}/_devhost/status   redeliver: POST {baseUrl}/_devhost/redeliver";
    }
}
