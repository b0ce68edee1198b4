namespace TouchpointPipeline.Core.Tests.Validation;

/// <summary>One entry of a schema file's <c>examples</c> (no expected errors) or <c>x-invalid-examples</c>.</summary>
internal sealed record SchemaExample(
    string File,
    int Index,
    string Description,
    string EventJson,
    IReadOnlyList<(string Field, string Rule)> ExpectedErrors);
