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

        if (!JsonStringContent.TryRead(instance, out var content))
        {
            errors?.Add(notUnicode);
            return false;
        }

        // A code point is 1 to 4 UTF-8 bytes, so the byte count bounds the length and most strings need no count.
        var bytes = content.Utf8.Length;
        var length = bytes <= maxLength && bytes / 4 >= minLength ? minLength : content.CountCodePoints();
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
