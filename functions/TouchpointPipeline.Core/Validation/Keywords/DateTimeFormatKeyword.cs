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

        Span<byte> scratch = stackalloc byte[64];
        if (JsonStringText.TryGetUtf8(instance, scratch, out var utf8) && Rfc3339Timestamp.TryParse(utf8, out _))
        {
            return true;
        }

        errors?.Add(error);
        return false;
    }
}
