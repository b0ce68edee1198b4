namespace TouchpointPipeline.Functions.Observability;

/// <summary>
/// Routes polled by probes and dashboards: kept out of the request logs and traces so a readiness probe every few
/// seconds does not drown the invocations.
/// </summary>
internal static class QuietRoutes
{
    public const string Health = "/api/health";
    public const string Metrics = "/api/metrics";

    public static bool IsQuiet(PathString path) =>
        path.Equals(Health, StringComparison.OrdinalIgnoreCase) || path.Equals(Metrics, StringComparison.OrdinalIgnoreCase);
}
