namespace TouchpointPipeline.Benchmarks.CosmosSimulation;

/// <summary>
/// Request units by the documented per-operation model (learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption,
/// 2026-04; figures in docs/performance.md): point reads and writes by item size (the doc's table, interpolated),
/// + 0.2 RU per indexed term written; a replace is a delete plus an insert; queries are calibrated on the doc's
/// measured single-partition queries (2.8 RU + 0.14 RU per KB returned: a 100-item 1 KB feed = 16.8 vs 16.97 measured).
/// </summary>
internal static class CosmosRuModel
{
    private static readonly (double Kb, double Read, double Write)[] BySize =
    [
        (1, 1.00, 4.95), (2, 1.04, 6.29), (4, 1.14, 6.67), (8, 1.33, 7.04), (16, 1.67, 9.52), (32, 2.19, 11.23), (64, 4.76, 22.67), (128, 9.95, 48.19),
    ];

    public const double PerIndexTerm = 0.2;

    /// <summary>A create answered 409 (observed 1.24 RU).</summary>
    public const double Conflict = 1.24;

    /// <summary>A read answered 404, or a write refused on its precondition (412).</summary>
    public const double NotFoundOrPrecondition = 1.0;

    public const double QueryBase = 2.8;

    public const double QueryPerKb = 0.14;

    public static double PointRead(int bytes) => Interpolate(bytes, static s => s.Read);

    public static double Create(int bytes, int indexTerms) => Interpolate(bytes, static s => s.Write) + (PerIndexTerm * indexTerms);

    public static double Replace(int oldBytes, int newBytes, int indexTerms) =>
        Interpolate(oldBytes, static s => s.Write) + Interpolate(newBytes, static s => s.Write) + (2 * PerIndexTerm * indexTerms);

    public static double Delete(int bytes, int indexTerms) => Interpolate(bytes, static s => s.Write) + (PerIndexTerm * indexTerms);

    public static double Query(long bytesReturned) => QueryBase + (QueryPerKb * bytesReturned / 1024.0);

    private static double Interpolate(int bytes, Func<(double Kb, double Read, double Write), double> value)
    {
        var kb = bytes / 1024.0;
        if (kb <= BySize[0].Kb)
        {
            return value(BySize[0]);
        }

        for (var i = 1; i < BySize.Length; i++)
        {
            if (kb <= BySize[i].Kb)
            {
                var (a, b) = (BySize[i - 1], BySize[i]);
                return value(a) + ((value(b) - value(a)) * (kb - a.Kb) / (b.Kb - a.Kb));
            }
        }

        return value(BySize[^1]) * kb / BySize[^1].Kb;
    }
}
