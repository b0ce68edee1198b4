using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary><c>minLength</c> and <c>maxLength</c> in Unicode code points; non-strings pass (the type keyword reports them).</summary>
internal sealed class StringLengthKeyword(int minLength, int maxLength, ValidationError tooShort, ValidationError tooLong, ValidationError notUnicode)
    : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        // Unescaped, a code point is 1 to 4 bytes, so the byte count settles most strings without counting.
        var raw = JsonStringText.Raw(instance);
        var escaped = JsonStringText.IsEscaped(raw);
        if (!escaped && raw.Length <= maxLength && raw.Length / 4 >= minLength)
        {
            return true;
        }

        if (!JsonStringText.TryCountCodePoints(raw, out var length))
        {
            errors?.Add(notUnicode);
            return false;
        }

        if (length < minLength)
        {
            errors?.Add(tooShort);
            return false;
        }

        if (length > maxLength)
        {
            errors?.Add(tooLong);
            return false;
        }

        return true;
    }
}
