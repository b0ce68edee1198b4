namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>One mutation: its kind and two generated numbers that pick the field, the value or the position.</summary>
internal sealed record FuzzMutation(FuzzMutationKind Kind, int A, int B);
