using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>
/// The function app as the Functions host sees it: <c>host.json</c> at the app root and one folder per function with a
/// <c>function.json</c>. Nothing about which functions exist is known in advance; everything comes from these files.
/// </summary>
internal sealed record FunctionAppManifest(string RootDirectory, HostConfiguration Host, IReadOnlyList<FunctionDefinition> Functions)
{
    /// <summary>Binding properties the host resolves from app settings (<c>[AutoResolve]</c> on the trigger attributes).</summary>
    private static readonly string[] AutoResolved = ["eventHubName", "consumerGroup", "schedule"];

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public IEnumerable<FunctionDefinition> WithTrigger(string type) => Functions.Where(f => f.HasTrigger(type));

    public static FunctionAppManifest Load(string rootDirectory, AppSettings settings)
    {
        var root = Path.GetFullPath(rootDirectory);
        var hostPath = Path.Combine(root, "host.json");
        if (!File.Exists(hostPath))
        {
            throw new FunctionAppException($"No host.json in {root}: point the dev host at the function app's build output (--app <folder>).");
        }

        var host = ReadHost(ReadObject(hostPath), hostPath);
        var functions = new List<FunctionDefinition>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "function.json");
            if (!File.Exists(path))
            {
                continue;
            }

            var name = Path.GetFileName(folder);
            var json = ReadObject(path);
            if (IsDisabled(json, name, settings))
            {
                continue;
            }

            var bindings = ReadBindings(json, path, settings);
            var retry = RetryPolicy.Parse(json["retry"], path) ?? host.Retry;
            functions.Add(new FunctionDefinition(name, bindings, retry));
        }

        return new FunctionAppManifest(root, host, functions);
    }

    private static HostConfiguration ReadHost(JsonObject json, string path)
    {
        var handler = Child(json, "customHandler") ?? throw new FunctionAppException($"{path}: no customHandler section; the dev host runs custom handlers only.");
        var description = Child(handler, "description") ?? throw new FunctionAppException($"{path}: customHandler.description is required.");
        var executable = Text(description, "defaultExecutablePath");
        if (string.IsNullOrWhiteSpace(executable))
        {
            throw new FunctionAppException($"{path}: customHandler.description.defaultExecutablePath is required.");
        }

        var hub = Child(Child(json, "extensions"), "eventHubs");
        var defaults = new EventHubsHostOptions();
        var offsetType = Text(Child(hub, "initialOffsetOptions"), "type");
        var eventHubs = new EventHubsHostOptions(
            Int(hub, "maxEventBatchSize", defaults.MaxEventBatchSize, path),
            Int(hub, "minEventBatchSize", defaults.MinEventBatchSize, path),
            Span(hub, "maxWaitTime", path),
            Int(hub, "batchCheckpointFrequency", defaults.BatchCheckpointFrequency, path),
            string.Equals(offsetType, "fromEnd", StringComparison.OrdinalIgnoreCase));
        if (eventHubs.MinEventBatchSize > eventHubs.MaxEventBatchSize)
        {
            throw new FunctionAppException($"{path}: extensions.eventHubs.minEventBatchSize must not exceed maxEventBatchSize.");
        }

        var timeout = Text(json, "functionTimeout");
        return new HostConfiguration(
            new CustomHandlerDescription(
                executable,
                Strings(description, "arguments"),
                Text(description, "workingDirectory"),
                Text(description, "defaultWorkerPath"),
                Strings(description, "workerArguments"),
                Text(description, "workerDirectory")),
            Bool(handler, "enableForwardingHttpRequest"),
            Bool(handler, "enableProxyingHttpRequest"),
            (Text(Child(Child(json, "extensions"), "http"), "routePrefix") ?? "api").Trim('/'),
            timeout is null or "-1" ? null : Span(json, "functionTimeout", path),
            eventHubs,
            RetryPolicy.Parse(Find(json, "retry"), path));
    }

    private static List<BindingDefinition> ReadBindings(JsonObject json, string path, AppSettings settings)
    {
        if (Find(json, "bindings") is not JsonArray array)
        {
            throw new FunctionAppException($"{path}: a bindings array is required.");
        }

        var bindings = new List<BindingDefinition>();
        foreach (var item in array.OfType<JsonObject>())
        {
            var properties = (JsonObject)item.DeepClone();
            foreach (var key in properties.Select(p => p.Key).ToList())
            {
                if (AutoResolved.Contains(key, StringComparer.OrdinalIgnoreCase) && properties[key] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    properties[key] = settings.Resolve(text, $"{path} ({key})");
                }
            }

            var type = Text(properties, "type");
            var direction = Text(properties, "direction");
            var name = Text(properties, "name");
            if (type is null || direction is null || name is null)
            {
                throw new FunctionAppException($"{path}: every binding needs type, direction and name.");
            }

            bindings.Add(new BindingDefinition(type, direction, name, properties));
        }

        if (bindings.Count(b => b.IsIn && b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)) != 1)
        {
            throw new FunctionAppException($"{path}: a function needs exactly one trigger binding.");
        }

        return bindings;
    }

    /// <summary><c>"disabled": true</c> in function.json, or the app setting <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> (as the host).</summary>
    private static bool IsDisabled(JsonObject json, string name, AppSettings settings) =>
        Bool(json, "disabled") || string.Equals(settings[$"AzureWebJobs.{name}.Disabled"], "true", StringComparison.OrdinalIgnoreCase);

    private static JsonObject ReadObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient) as JsonObject
                ?? throw new FunctionAppException($"{path}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FunctionAppException($"{path}: not valid JSON: {ex.Message}");
        }
    }

    private static JsonNode? Find(JsonObject? json, string name) =>
        json?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static JsonObject? Child(JsonObject? json, string name) => Find(json, name) as JsonObject;

    private static string? Text(JsonObject? json, string name) => Find(json, name) is JsonValue v ? v.ToString() : null;

    private static bool Bool(JsonObject? json, string name) => Find(json, name) is JsonValue v && bool.TryParse(v.ToString(), out var b) && b;

    private static List<string> Strings(JsonObject? json, string name) =>
        Find(json, name) is JsonArray array ? [.. array.Select(a => a?.ToString()).OfType<string>()] : [];

    private static int Int(JsonObject? json, string name, int fallback, string path)
    {
        var text = Text(json, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new FunctionAppException($"{path}: {name} must be a whole number >= 1.");
    }

    private static TimeSpan? Span(JsonObject? json, string name, string path)
    {
        var text = Text(json, name);
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new FunctionAppException($"{path}: {name} must be a time span such as 00:00:05.");
    }
}
