using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>Every setting the app reads is set in the Bicep app settings and in local.settings.sample.json.</summary>
public sealed class SettingsParityTests(CompiledTemplate compiled)
{
    public static TheoryData<string> SettingsReadEverywhere { get; } =
        [.. FunctionDefinition.Discover(Repository.FunctionMetadataDirectory)
            .SelectMany(function => function.ReferencedSettings)
            .Concat(SettingNames.Everywhere)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> AzureOnlySettings { get; } = [.. SettingNames.AzureOnly];

    public static TheoryData<string> LocalOnlySettings { get; } = [.. SettingNames.LocalOnly];

    [Theory]
    [MemberData(nameof(SettingsReadEverywhere))]
    public void Setting_ReadEverywhere_IsSetInBicepAppSettings(string name)
    {
        var appSettings = compiled.AppSettingNames();

        Assert.True(SettingNames.IsSet(name, appSettings), $"{name} is not in the Bicep app settings: {string.Join(", ", appSettings.Order(StringComparer.Ordinal))}");
    }

    [Theory]
    [MemberData(nameof(SettingsReadEverywhere))]
    public void Setting_ReadEverywhere_IsSetInLocalSettingsSample(string name)
    {
        Assert.True(SettingNames.IsSet(name, LocalSettings.LoadSample().Keys), $"{name} is not in local.settings.sample.json");
    }

    [Theory]
    [MemberData(nameof(AzureOnlySettings))]
    public void Setting_AzureOnly_IsSetInBicepAppSettings(string name)
    {
        Assert.Contains(name, compiled.AppSettingNames());
    }

    [Theory]
    [MemberData(nameof(LocalOnlySettings))]
    public void Setting_LocalOnly_IsInLocalSampleAndNeverInBicep(string name)
    {
        Assert.Contains(name, LocalSettings.LoadSample().Keys);
        Assert.DoesNotContain(name, compiled.AppSettingNames());
    }

    [Fact]
    public void HubNamesAndConsumerGroup_AreTheSameInBicepAndLocalSample()
    {
        var local = LocalSettings.LoadSample();
        var variables = compiled.Template["variables"]!;
        var hubNames = variables["hubNames"]!.AsObject();

        Assert.Equal(local["ClickstreamHubName"], hubNames["clickstream"]!.GetValue<string>());
        Assert.Equal(local["CallsHubName"], hubNames["calls"]!.GetValue<string>());
        Assert.Equal(local["ChatsHubName"], hubNames["chats"]!.GetValue<string>());
        Assert.Equal(local["AlertsHubName"], hubNames["alerts"]!.GetValue<string>());
        Assert.Equal(local["IngestConsumerGroup"], variables["ingestConsumerGroupName"]!.GetValue<string>());
        Assert.Equal(local["Cosmos__DatabaseName"], variables["cosmosDatabaseName"]!.GetValue<string>());
    }
}
