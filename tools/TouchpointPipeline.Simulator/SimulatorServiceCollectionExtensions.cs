using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TouchpointPipeline.Simulator;

/// <summary>Registers the traffic simulator in the host that runs the function app.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SimulationOptions"/> (section <c>Simulation</c>, validated at start whether or not the
    /// simulator runs) and, when <see cref="SimulationOptions.Enabled"/>, runs <see cref="SimulationRunner"/> once the
    /// host has started. The host registers the <see cref="ISimulationTarget"/> the simulator drives.
    /// </summary>
    public static IServiceCollection AddTrafficSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configuration.GetSection(SimulationOptions.SectionName).Get<SimulationOptions>() is { Enabled: true })
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<SimulationRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<SimulationRunner>());
        }

        return services;
    }
}
