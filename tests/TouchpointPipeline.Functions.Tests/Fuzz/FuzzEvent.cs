namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>A generated event: which seed, which mutations (none for a valid event), and arbitrary generated text.</summary>
internal sealed record FuzzEvent(int Seed, IReadOnlyList<FuzzMutation> Mutations, string Text);
