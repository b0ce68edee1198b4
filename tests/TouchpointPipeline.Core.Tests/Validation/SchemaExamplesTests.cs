using System.Text.Json;
using NJsonSchema;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

/// <summary>
/// The schema files are the contract; our validator and an independent draft-07 implementation (NJsonSchema) must
/// both agree with every example in them, so the C# validator and the published schemas cannot drift apart.
/// </summary>
public sealed class SchemaExamplesTests
{
    private static readonly SchemaValidator Validator = SchemaValidator.Load(SchemaFiles.ReadAll());

    public static IEnumerable<TheoryDataRow<string, int>> ValidExamples() =>
        SchemaFiles.ValidExamples().Select(e => new TheoryDataRow<string, int>(e.File, e.Index)
        {
            TestDisplayName = $"{e.File}: {e.Description}",
        });

    public static IEnumerable<TheoryDataRow<string, int>> InvalidExamples() =>
        SchemaFiles.InvalidExamples().Select(e => new TheoryDataRow<string, int>(e.File, e.Index)
        {
            TestDisplayName = $"{e.File}: {e.Description}",
        });

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public async Task Validate_ValidExample_BothValidatorsAccept(string file, int index)
    {
        var example = SchemaFiles.Valid(file, index);
        var reference = await JsonSchema.FromFileAsync(Path.Combine(SchemaFiles.Directory, file), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(example.EventJson);
        var errors = new List<ValidationError>();

        var valid = Validator.Validate(document.RootElement, errors);
        var referenceErrors = reference.Validate(example.EventJson);

        Assert.True(valid, string.Join("; ", errors));
        Assert.Empty(errors);
        Assert.Empty(referenceErrors.Select(e => e.ToString()));
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public async Task Validate_InvalidExample_BothValidatorsRejectWithListedErrors(string file, int index)
    {
        var example = SchemaFiles.Invalid(file, index);
        var reference = await JsonSchema.FromFileAsync(Path.Combine(SchemaFiles.Directory, file), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(example.EventJson);
        var errors = new List<ValidationError>();

        var valid = Validator.Validate(document.RootElement, errors);
        var referenceErrors = reference.Validate(example.EventJson);

        Assert.False(valid);
        Assert.NotEmpty(referenceErrors);
        Assert.NotEmpty(example.ExpectedErrors);
        var found = errors.Select(e => (e.Field, e.Rule)).ToList();
        foreach (var expected in example.ExpectedErrors)
        {
            Assert.True(found.Contains(expected), $"expected {expected} among: {string.Join("; ", errors)}");
        }
    }
}
