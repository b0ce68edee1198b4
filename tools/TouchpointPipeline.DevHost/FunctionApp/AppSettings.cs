using System.Collections;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>
/// The app settings the dev host gives the function app (as environment variables, like the Functions host) and uses
/// to resolve <c>%Setting%</c> references in function.json. A setting not given explicitly falls back to the dev
/// host's own environment, which the app inherits too.
/// </summary>
internal sealed partial class AppSettings
{
    private readonly Dictionary<string, string> _values;

    public AppSettings(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The explicit settings (defaults, settings file, dev host values), without the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    public AppSettings With(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var merged = new Dictionary<string, string>(_values, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value;
        }

        return new AppSettings(merged);
    }

    public static AppSettings FromEnvironmentSnapshot()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            snapshot[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new AppSettings(snapshot);
    }

    /// <summary>
    /// Resolves <c>%Name%</c> references (the host's <c>[AutoResolve]</c> binding properties). An unknown setting is an
    /// error, as in the host, so a misspelt hub name never silently becomes a hub called <c>%ClickstreamHubNam%</c>.
    /// </summary>
    public string Resolve(string text, string where) => Placeholder().Replace(text, match =>
        this[match.Groups[1].Value] ?? throw new FunctionAppException(
            $"{where}: the app setting '{match.Groups[1].Value}' is not set (give it in the settings file or the environment)."));

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
