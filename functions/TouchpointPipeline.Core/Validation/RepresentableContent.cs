using System.Text.Json;

namespace TouchpointPipeline.Core.Validation;

/// <summary>
/// Rejects JSON that is valid but that later stages cannot represent, anywhere in the event (declared attributes,
/// undeclared <c>data</c> members and property names alike): strings or names holding an unpaired UTF-16 surrogate
/// escape (.NET cannot turn them into a string) and numbers outside the finite <see cref="double"/> range (rules and
/// stores read numbers as doubles).
/// </summary>
public static class RepresentableContent
{
    /// <summary>The first unrepresentable value found, or null when every value can be represented.</summary>
    public static ValidationError? Check(JsonElement root) =>
        // The common case allocates nothing; the path is built only for an event that fails.
        IsRepresentable(root) ? null : Check(root, "$");

    private static bool IsRepresentable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.IsValidUnicode(element);
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!JsonText.IsValidUnicodeName(property) || !IsRepresentable(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsRepresentable(item))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static ValidationError? Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return JsonText.IsValidUnicode(element)
                    ? null
                    : new ValidationError(path, "unicode", $"{path} holds an unpaired UTF-16 surrogate; strings must be valid Unicode.");
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number)
                    ? null
                    : new ValidationError(path, "number", $"{path} is outside the range of a finite 64-bit floating-point number.");
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!JsonText.IsValidUnicodeName(property))
                    {
                        return new ValidationError(path, "unicode", $"A property name in {path} holds an unpaired UTF-16 surrogate.");
                    }

                    if (Check(property.Value, path == "$" ? property.Name : path + "." + property.Name) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{path}[{index}]") is { } error)
                    {
                        return error;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }
}
