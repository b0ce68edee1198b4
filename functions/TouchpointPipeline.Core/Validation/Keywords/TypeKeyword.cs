using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary><c>type</c>: one type or a list of them; <c>integer</c> is any number with a zero fractional part.</summary>
internal sealed class TypeKeyword(JsonTypes allowed, ValidationError error) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (Matches(instance))
        {
            return true;
        }

        errors?.Add(error);
        return false;
    }

    private bool Matches(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => (allowed & JsonTypes.Object) != 0,
        JsonValueKind.Array => (allowed & JsonTypes.Array) != 0,
        JsonValueKind.String => (allowed & JsonTypes.String) != 0,
        JsonValueKind.True or JsonValueKind.False => (allowed & JsonTypes.Boolean) != 0,
        JsonValueKind.Null => (allowed & JsonTypes.Null) != 0,
        JsonValueKind.Number => (allowed & JsonTypes.Number) != 0
            || ((allowed & JsonTypes.Integer) != 0 && JsonNumber.IsInteger(instance)),
        _ => false,
    };
}
