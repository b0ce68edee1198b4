using CsCheck;

namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>
/// CsCheck generators for the fuzz suite. About 40 % of events stay valid (so stores, duplicates and detection are
/// exercised too), the rest carry one to three structural mutations.
/// </summary>
internal static class FuzzGenerators
{
    private static readonly int KindCount = Enum.GetValues<FuzzMutationKind>().Length;

    private static readonly Gen<FuzzMutation> Mutation = Gen.Select(Gen.Int[0, KindCount - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000],
        (kind, a, b) => new FuzzMutation((FuzzMutationKind)kind, a, b));

    /// <summary>
    /// Batches of 1-100 events. <paramref name="wholeBodyBreaking"/> false drops the text-level mutations (truncated JSON,
    /// duplicate keys, NaN literals) that make a collector request unreadable as a whole, so most collector requests
    /// exercise the per-event path; one request in ten keeps them.
    /// </summary>
    public static Gen<FuzzBatch> Batches(bool wholeBodyBreaking) =>
        Gen.Select(Event.Array[1, 100], Gen.Int[0, 99], Gen.Int[1, 40], (events, roll, customers) =>
            new FuzzBatch(wholeBodyBreaking || roll < 10 ? events : [.. events.Select(WithoutTextMutations)], Redeliver: roll < 5, customers));

    /// <summary>Generates <paramref name="count"/> batches (the same CsCheck sampling the properties use, one thread).</summary>
    public static List<FuzzBatch> Sample(Gen<FuzzBatch> gen, int count)
    {
        var batches = new List<FuzzBatch>(count);
        gen.Sample(batches.Add, iter: count, threads: 1);
        return batches;
    }

    private static readonly Gen<FuzzEvent> Event = Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[0, 99], Mutation.Array[1, 3], Gen.String[Gen.Char, 0, 24],
        (seed, roll, mutations, text) => new FuzzEvent(seed, roll < 40 ? [] : mutations, text));

    private static FuzzEvent WithoutTextMutations(FuzzEvent e) =>
        e with { Mutations = [.. e.Mutations.Where(m => m.Kind is not (FuzzMutationKind.Truncate or FuzzMutationKind.DuplicateKey or FuzzMutationKind.NotJsonNumber))] };
}
