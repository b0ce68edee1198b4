namespace TouchpointPipeline.Functions.Collector;

/// <summary>Names of the CORS and rate-limit policies the Collect endpoint requires.</summary>
internal static class CollectorPolicies
{
    public const string Cors = "collector";
    public const string RateLimit = "collector";

    /// <summary>HttpContext.Items key: the grant resolved once by the rate limiter's partitioner, reused by the handler.</summary>
    public const string GrantItem = "touchpoint.collector.grant";
}
