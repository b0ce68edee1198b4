using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>A compiled (sub)schema: its keywords, checked in order; every keyword runs so all errors are reported.</summary>
internal sealed class SchemaNode(ISchemaKeyword[] keywords) : ISchemaKeyword
{
    /// <summary>A schema with no validation keywords (only annotations): accepts everything.</summary>
    public static SchemaNode Empty { get; } = new([]);

    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        var valid = true;
        foreach (var keyword in keywords)
        {
            if (!keyword.Validate(instance, errors))
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
