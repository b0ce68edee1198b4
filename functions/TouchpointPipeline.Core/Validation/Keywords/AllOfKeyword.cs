using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary><c>allOf</c>, including the <c>$ref</c> each type schema makes to the envelope (resolved at load).</summary>
internal sealed class AllOfKeyword(SchemaNode[] branches) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        var valid = true;
        foreach (var branch in branches)
        {
            if (!branch.Validate(instance, errors))
            {
                if (errors is null)
                {
                    return false;
                }

                valid = false;
            }
        }

        return valid;
    }
}
