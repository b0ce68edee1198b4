using System.Text.Json.Nodes;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>The Values of local.settings.sample.json.</summary>
public static class LocalSettings
{
    public static IReadOnlyDictionary<string, string> LoadSample() =>
        JsonNode.Parse(File.ReadAllText(Repository.LocalSettingsSample))!["Values"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal);
}
