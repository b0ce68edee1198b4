namespace TouchpointPipeline.Functions.Observability.Health;

internal static class HealthServiceCollectionExtensions
{
    public const string Timelines = "timelines";
    public const string Alerts = "alerts";
    public const string DetectorState = "detector-state";
    public const string Identities = "identities";
    public const string DeadLetters = "dead-letters";
    public const string Publisher = "publisher";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>One check per store the pipeline writes to, and the collector's publisher configuration.</summary>
    public static IServiceCollection AddTouchpointHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<TimelineStoreHealthCheck>(Timelines, timeout: CheckTimeout)
            .AddCheck<AlertStoreHealthCheck>(Alerts, timeout: CheckTimeout)
            .AddCheck<DetectorStateHealthCheck>(DetectorState, timeout: CheckTimeout)
            .AddCheck<IdentityStoreHealthCheck>(Identities, timeout: CheckTimeout)
            .AddCheck<DeadLetterStorageHealthCheck>(DeadLetters, timeout: CheckTimeout)
            .AddCheck<PublisherHealthCheck>(Publisher, timeout: CheckTimeout);
        return services;
    }
}
