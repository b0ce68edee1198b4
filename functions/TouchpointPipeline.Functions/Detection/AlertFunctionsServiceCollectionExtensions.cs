using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TouchpointPipeline.Functions.Detection;

internal static class AlertFunctionsServiceCollectionExtensions
{
    /// <summary>The sweep handler and the alert sink (the webhook when configured, else none).</summary>
    public static IServiceCollection AddAlertFunctions(this IServiceCollection services)
    {
        services.AddSingleton<SweepInvocationHandler>();
        services.TryAddSingleton<IAlertSink, NoAlertSink>();
        return services;
    }
}
