using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>One function folder of the app (folder name = function name) and its function.json.</summary>
public sealed partial record FunctionDefinition(string Name, JsonObject FunctionJson)
{
    /// <summary>Binding types the custom handler implements (docs/host-protocol.md §4–7).</summary>
    public static IReadOnlySet<string> ImplementedBindingTypes { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "eventHubTrigger", "eventHub", "timerTrigger", "httpTrigger", "http" };

    public IEnumerable<JsonObject> Bindings =>
        FunctionJson["bindings"]?.AsArray().OfType<JsonObject>() ?? [];

    /// <summary>Every app setting the bindings name: each %Setting% reference and each connection name.</summary>
    public IEnumerable<string> ReferencedSettings =>
        Bindings.SelectMany(binding => binding)
            .SelectMany(property => property.Key == "connection" && property.Value is JsonValue connection
                ? [connection.GetValue<string>()]
                : property.Value is JsonValue value && value.TryGetValue<string>(out var text)
                    ? SettingReference().Matches(text).Select(match => match.Groups[1].Value)
                    : []);

    /// <summary>Function folders under <paramref name="root"/>: every subfolder holding a function.json.</summary>
    public static IReadOnlyList<FunctionDefinition> Discover(string root) =>
        [.. Directory.EnumerateFiles(root, "function.json", SearchOption.AllDirectories)
            .Where(path => Path.GetDirectoryName(Path.GetDirectoryName(path)) == Path.TrimEndingDirectorySeparator(root))
            .Order(StringComparer.Ordinal)
            .Select(path => new FunctionDefinition(
                Path.GetFileName(Path.GetDirectoryName(path)!),
                JsonNode.Parse(File.ReadAllText(path))!.AsObject()))];

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
