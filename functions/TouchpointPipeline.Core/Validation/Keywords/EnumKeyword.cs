using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary><c>enum</c>, and <c>const</c> as a one-value enum reported under its own rule name.</summary>
internal sealed class EnumKeyword(JsonLiteral[] values, ValidationError error) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        foreach (var value in values)
        {
            if (value.Matches(instance))
            {
                return true;
            }
        }

        errors?.Add(error);
        return false;
    }
}
