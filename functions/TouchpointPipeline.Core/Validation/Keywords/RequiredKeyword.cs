using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// <c>required</c> in a schema without <c>properties</c> (the anyOf branches "has customerid" / "has anonymousid"):
/// a name lookup per property, cheaper than walking the object. Non-objects pass.
/// </summary>
internal sealed class RequiredKeyword(PropertyRule[] names) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var name in names)
        {
            if (!instance.TryGetProperty(name.Utf8Name, out _))
            {
                if (errors is null)
                {
                    return false;
                }

                valid = false;
                errors.Add(name.Missing!);
            }
        }

        return valid;
    }
}
