using System.Text.Json;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

internal static class JsonElementExtensions
{
    /// <summary>The string at a dotted path (<c>data.selector</c>), or null when any part is missing.</summary>
    public static string? Str(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static double Num(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : throw new KeyNotFoundException(path);

    public static bool Has(this JsonElement element, string path) => element.At(path) is not null;

    private static JsonElement? At(this JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element;
    }
}
