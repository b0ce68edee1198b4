using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary><c>pattern</c>: an unanchored regular-expression search; non-strings pass.</summary>
internal sealed class PatternKeyword(Regex regex, ValidationError error, ValidationError notUnicode) : ISchemaKeyword
{
    private const int StackLimit = 256;

    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        Span<byte> scratch = stackalloc byte[StackLimit];
        if (!JsonStringText.TryGetUtf8(instance, scratch, out var utf8))
        {
            errors?.Add(notUnicode);
            return false;
        }

        if (IsMatch(utf8))
        {
            return true;
        }

        errors?.Add(error);
        return false;
    }

    private bool IsMatch(ReadOnlySpan<byte> utf8)
    {
        // Regex matches UTF-16; decode into the stack for the short strings patterns guard (ids, currency codes).
        char[]? rented = null;
        var buffer = utf8.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var length = Encoding.UTF8.GetChars(utf8, buffer);
            return regex.IsMatch(buffer[..length]);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input must not stall the pipeline: treat it as not matching.
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
