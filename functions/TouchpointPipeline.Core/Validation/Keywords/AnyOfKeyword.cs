using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// <c>anyOf</c>: branches are probed without collecting errors, so an anonymous event passing the second branch
/// (anonymousid) costs no error objects for failing the first (customerid).
/// </summary>
internal sealed class AnyOfKeyword(SchemaNode[] branches, ValidationError error) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        foreach (var branch in branches)
        {
            if (branch.Validate(instance, null))
            {
                return true;
            }
        }

        errors?.Add(error);
        return false;
    }
}
