namespace TouchpointPipeline.Functions.Observability.Health;

internal static class HealthProbe
{
    /// <summary>A key no emitter can produce (customer keys are ids, hashes or <c>anon:</c> ids), read and never written.</summary>
    public const string CustomerKey = "health:probe";
}
