namespace TouchpointPipeline.Core.Tests.Infrastructure;

/// <summary>
/// Bytes a piece of code allocates on this thread once warm. The runtime may allocate on the thread now and then for
/// its own reasons (tiered JIT promotion, shared array pools trimmed under memory pressure on a busy machine), so the
/// claim "allocates nothing" is that some round, after warm-up, allocates nothing: up to five rounds are measured and
/// the last one is returned (the first that allocated nothing, or the fifth).
/// </summary>
internal static class SteadyStateAllocations
{
    public static long Measure(Action action, int callsPerRound)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        long allocated = 0;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < callsPerRound; i++)
            {
                action();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                break;
            }
        }

        return allocated;
    }
}
