using System.Security.Cryptography;
using System.Text.Json;

namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>
/// Composes the app settings: the embedded defaults (<c>devhost.settings.json</c> beside the dev host: SQLite, hub
/// names, consumer group), then the <c>Values</c> of the settings file if one is given (e.g. a copy of
/// local.settings.sample.json pointing at Azurite and the Cosmos DB emulator), then what the dev host fills in when
/// still missing: <c>Storage__DataPath</c> (absolute) and a development PII salt kept in the data folder.
/// </summary>
internal static class AppSettingsLoader
{
    public const string DefaultsFileName = "devhost.settings.json";
    public const string SaltSetting = "Enrichment__Pii__Salt";
    private const string SaltFileName = "devhost-pii-salt.txt";

    public static AppSettings Load(DevHostOptions options, string contentRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Merge(values, Path.Combine(AppContext.BaseDirectory, DefaultsFileName), required: true);
        if (options.SettingsPath is { Length: > 0 } settingsPath)
        {
            Merge(values, Path.GetFullPath(settingsPath, contentRoot), required: true);
        }

        var dataPath = Path.GetFullPath(options.DataPath, contentRoot);
        if (!values.ContainsKey("Storage__DataPath") && Environment.GetEnvironmentVariable("Storage__DataPath") is null)
        {
            values["Storage__DataPath"] = dataPath;
        }

        if (!values.ContainsKey(SaltSetting) && Environment.GetEnvironmentVariable(SaltSetting) is null)
        {
            // PII hashing needs a salt (no default in the app, by design). A development salt is made once per data
            // folder and reused, so hashed customer keys stay the same across dev host runs on the same data.
            values[SaltSetting] = DevelopmentSalt(dataPath);
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

    private static string DevelopmentSalt(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var file = Path.Combine(dataPath, SaltFileName);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= 16 } existing)
        {
            return existing;
        }

        var salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(file, salt);
        return salt;
    }
}
