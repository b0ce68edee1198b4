namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>A generated batch; <see cref="Redeliver"/> sends it twice, as the host does after a lost checkpoint.</summary>
internal sealed record FuzzBatch(IReadOnlyList<FuzzEvent> Events, bool Redeliver, int Customers);
