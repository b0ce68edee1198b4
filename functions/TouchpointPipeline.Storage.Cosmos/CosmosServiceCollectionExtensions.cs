using System.Diagnostics.Metrics;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Privacy;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Cosmos DB <see cref="ITimelineStore"/>, <see cref="IIdentityStore"/>, <see cref="IAlertStore"/>, <see cref="IDetectorStateStore"/>, <see cref="IErasureStore"/> and the app's one singleton <see cref="CosmosClient"/>, bound
    /// to the <c>Cosmos</c> section and validated at start. The database and containers must exist (Bicep in Azure,
    /// <see cref="CosmosContainerDefinitions.EnsureCreatedAsync"/> on the emulator).
    /// </summary>
    public static IServiceCollection AddCosmosStores(
        this IServiceCollection services,
        Action<CosmosStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<CosmosStorageOptions>()
            .BindConfiguration(CosmosStorageOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<CosmosStorageOptions>, CosmosStorageOptionsValidator>());
        services.TryAddSingleton(sp => new CosmosMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp =>
            CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value));
        services.AddSingleton<ITimelineStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
            var container = sp.GetRequiredService<CosmosClient>()
                .GetContainer(settings.DatabaseName, settings.TimelineContainerName);
            return new CosmosTimelineStore(
                container,
                settings,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetService<ILogger<CosmosTimelineStore>>() ?? NullLogger<CosmosTimelineStore>.Instance,
                sp.GetRequiredService<CosmosMetrics>());
        });
        services.AddSingleton<IIdentityStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
            var container = sp.GetRequiredService<CosmosClient>().GetContainer(settings.DatabaseName, settings.IdentitiesContainerName);
            return new CosmosIdentityStore(container, settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<CosmosMetrics>());
        });
        services.AddSingleton<IAlertStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
            var container = sp.GetRequiredService<CosmosClient>().GetContainer(settings.DatabaseName, settings.AlertsContainerName);
            return new CosmosAlertStore(container, settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<CosmosMetrics>());
        });
        services.AddSingleton<IDetectorStateStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
            var container = sp.GetRequiredService<CosmosClient>().GetContainer(settings.DatabaseName, settings.StateContainerName);
            return new CosmosDetectorStateStore(container, settings, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<CosmosMetrics>());
        });
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName);
        services.AddSingleton<IErasureStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<CosmosStorageOptions>>().Value;
            var client = sp.GetRequiredService<CosmosClient>();
            var clock = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            var metrics = sp.GetRequiredService<CosmosMetrics>();
            CosmosRequests Requests(string name) => new(client.GetContainer(settings.DatabaseName, name), settings, clock, metrics);
            return new CosmosErasureStore(
                Requests(settings.TimelineContainerName),
                Requests(settings.IdentitiesContainerName),
                Requests(settings.AlertsContainerName),
                Requests(settings.StateContainerName),
                sp.GetRequiredService<IOptions<RetentionOptions>>().Value,
                clock);
        });
        return services;
    }
}
