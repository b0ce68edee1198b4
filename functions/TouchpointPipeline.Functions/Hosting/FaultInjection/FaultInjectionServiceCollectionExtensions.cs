using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Hosting.FaultInjection;

internal static class FaultInjectionServiceCollectionExtensions
{
    /// <summary>
    /// With <c>FaultInjection:PlanFile</c> set: wraps the registered timeline store and the sweep's answer in the drill's
    /// decorators (<see cref="FaultInjectionOptions"/>). Call after the stores are registered. Without it: nothing.
    /// </summary>
    public static IServiceCollection AddFaultInjection(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FaultInjectionOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(FaultInjectionOptions.PlanFile)]))
        {
            return services;
        }

        services.AddOptions<FaultInjectionOptions>().Bind(section)
            .Validate(o => o.RefreshInterval >= TimeSpan.Zero, "FaultInjection:RefreshInterval must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<FaultPlanSource>();
        services.AddSingleton<IStartupFilter, SweepFaultStartupFilter>();

        var timeline = services.LastOrDefault(d => d.ServiceType == typeof(ITimelineStore))
            ?? throw new InvalidOperationException("AddFaultInjection needs a timeline store registered first.");
        services.Remove(timeline);
        services.Add(new ServiceDescriptor(
            typeof(ITimelineStore),
            sp => new FaultInjectingTimelineStore(Resolve<ITimelineStore>(sp, timeline), sp.GetRequiredService<FaultPlanSource>()),
            timeline.Lifetime));
        return services;
    }

    private static T Resolve<T>(IServiceProvider services, ServiceDescriptor descriptor) where T : class =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
