using System.Text.Json;

namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>
/// Composes the app settings: the embedded defaults (<c>devhost.settings.json</c> beside the dev host: SQLite, hub
/// names, consumer group), then the <c>Values</c> of the settings file if one is given (e.g. a copy of
/// local.settings.sample.json pointing at Azurite and the Cosmos DB emulator), then what the dev host fills in when
/// still missing: <c>Storage__DataPath</c> (absolute). No PII salt is made here: on SQLite the app keeps its own beside
/// the database (<c>&lt;data&gt;/pii-salt</c>), so the dev host and a plain <c>dotnet run</c> of the app on the same data
/// folder hash customer ids alike.
/// </summary>
internal static class AppSettingsLoader
{
    public const string DefaultsFileName = "devhost.settings.json";

    public static AppSettings Load(DevHostOptions options, string contentRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Merge(values, Path.Combine(AppContext.BaseDirectory, DefaultsFileName), required: true);
        if (options.SettingsPath is { Length: > 0 } settingsPath)
        {
            Merge(values, Path.GetFullPath(settingsPath, contentRoot), required: true);
        }

        // As with `func start` and local.settings.json: a variable already in the environment wins over the files.
        foreach (var name in values.Keys.Where(name => Environment.GetEnvironmentVariable(name) is not null).ToList())
        {
            values.Remove(name);
        }

        var dataPath = Path.GetFullPath(options.DataPath, contentRoot);
        if (!values.ContainsKey("Storage__DataPath") && Environment.GetEnvironmentVariable("Storage__DataPath") is null)
        {
            values["Storage__DataPath"] = dataPath;
        }

        return new AppSettings(values);
    }

    private static void Merge(Dictionary<string, string> values, string path, bool required)
    {
        if (!File.Exists(path))
        {
            if (required)
            {
                throw new FunctionAppException($"Settings file {path} not found.");
            }

            return;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("Values", out var settings) || settings.ValueKind != JsonValueKind.Object)
            {
                throw new FunctionAppException($"{path}: expected a local.settings.json-style file with a \"Values\" object.");
            }

            foreach (var setting in settings.EnumerateObject())
            {
                values[setting.Name] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString()! : setting.Value.GetRawText();
            }
        }
        catch (JsonException ex)
        {
            throw new FunctionAppException($"{path}: not valid JSON: {ex.Message}");
        }
    }
}
