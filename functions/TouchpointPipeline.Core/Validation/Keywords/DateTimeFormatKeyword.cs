using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary><c>format: date-time</c>, strict RFC 3339 as <see cref="Rfc3339Timestamp"/> parses it; non-strings pass.</summary>
internal sealed class DateTimeFormatKeyword(ValidationError error) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        if (JsonStringContent.TryRead(instance, out var content) && Rfc3339Timestamp.TryParse(content.Utf8, out _))
        {
            return true;
        }

        errors?.Add(error);
        return false;
    }
}
