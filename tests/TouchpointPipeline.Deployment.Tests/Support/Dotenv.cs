using System.Globalization;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// The text of <c>azd env get-values</c> (azure-dev cli/azd/pkg/output/env-vars.go: <c>godotenv.Marshal</c> of the
/// environment, then a newline), ported from joho/godotenv v1.5.1 godotenv.go <c>Marshal</c>/<c>doubleQuoteEscape</c>:
/// sorted <c>KEY="value"</c> lines, a backslash before each of <c>\ " ! $ `</c>, <c>\n</c>/<c>\r</c> for line breaks, and
/// values that parse as an integer written bare.
/// </summary>
public static class Dotenv
{
    public static string Marshal(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var lines = values.Select(pair => long.TryParse(pair.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? $"{pair.Key}={number.ToString(CultureInfo.InvariantCulture)}"
                : $"{pair.Key}=\"{Escape(pair.Value)}\"")
            .Order(StringComparer.Ordinal);
        return string.Join('\n', lines) + "\n";
    }

    private static string Escape(string value)
    {
        foreach (var special in "\\\n\r\"!$`")
        {
            var replacement = special switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                _ => "\\" + special,
            };
            value = value.Replace(special.ToString(), replacement, StringComparison.Ordinal);
        }

        return value;
    }
}
