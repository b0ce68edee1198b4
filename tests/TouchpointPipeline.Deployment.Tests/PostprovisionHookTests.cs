using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>
/// After provisioning, azd's postprovision hook writes a working local.settings.json: the LOCAL_SETTINGS_VALUES output,
/// which holds the app's own setting names, identity-based only. The scripts run for real, against a fake azd.
/// </summary>
public sealed partial class PostprovisionHookTests(CompiledTemplate compiled)
{
    private const string EnvironmentName = "touchpoints-dev";
    private const string OutputName = "LOCAL_SETTINGS_VALUES";

    private static readonly string PosixScript = Repository.File("infra", "scripts", "postprovision.sh");
    private static readonly string WindowsScript = Repository.File("infra", "scripts", "postprovision.ps1");

    // Realistic values for the settings whose Bicep value is an expression; literal ones keep their compiled value.
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__accountName"] = "st7ulcqxxwesckw",
        ["EventHubConnection__fullyQualifiedNamespace"] = "evhns-7ulcqxxwesckw.servicebus.windows.net",
        ["Cosmos__AccountEndpoint"] = "https://cosmos-7ulcqxxwesckw.documents.azure.com:443/",
        ["DeadLetterStorage__blobServiceUri"] = "https://st7ulcqxxwesckw.blob.core.windows.net/",
        ["Enrichment__Pii__Salt"] = "@Microsoft.KeyVault(SecretUri=https://kv-7ulcqxxwesckw.vault.azure.net/secrets/pii-salt)",
        ["DeadLetterStorage__EncryptionKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-7ulcqxxwesckw.vault.azure.net/secrets/dead-letter-key)",
        ["SweepSchedule"] = "0 */1 * * * *",
        ["Validation__MaxEventBytes"] = "32768",
        ["Validation__MaxLateness"] = "3.00:00:00",
    };

    private static readonly JsonSerializerOptions GoJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private JsonObject LocalSettingsValues => compiled.ModuleDeclaring("Microsoft.Web/sites/config")["variables"]!["localSettingsValues"]!.AsObject();

    [Fact]
    public void AzureYaml_PostprovisionHook_RunsTheScriptsOnPosixAndWindows()
    {
        var hook = YamlDocument.Load(Repository.File("azure.yaml"))["hooks"]!["postprovision"]!;

        Assert.Equal("sh", hook["posix"]!["shell"]!.GetValue<string>());
        Assert.Equal(PosixScript, Repository.File(hook["posix"]!["run"]!.GetValue<string>()));
        Assert.Equal("pwsh", hook["windows"]!["shell"]!.GetValue<string>());
        Assert.Equal(WindowsScript, Repository.File(hook["windows"]!["run"]!.GetValue<string>()));
        Assert.True(File.Exists(WindowsScript));
        // azd runs a posix hook file directly (pkg/tools/bash/bash.go), so it needs the execute bit.
        Assert.True((File.GetUnixFileMode(PosixScript) & UnixFileMode.UserExecute) != 0, "postprovision.sh is not executable");
    }

    [Fact]
    public void MainBicep_OutputsTheApiModulesLocalSettingsValues()
    {
        var output = compiled.Template["outputs"]![OutputName]!;

        Assert.Equal("object", output["type"]!.GetValue<string>());
        Assert.Contains(".outputs.localSettingsValues.value", output["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[variables('localSettingsValues')]", compiled.ModuleDeclaring("Microsoft.Web/sites/config")["outputs"]!["localSettingsValues"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void LocalSettingsValues_AreTheAppSettingsLessThoseOnlyTheManagedIdentityOrAzureUses()
    {
        var module = compiled.ModuleDeclaring("Microsoft.Web/sites/config")["variables"]!;
        var appSettings = module["baseAppSettings"]!.AsObject().Concat(module["premiumAppSettings"]!.AsObject())
            .ToDictionary(pair => pair.Key, pair => pair.Value!.ToJsonString(), StringComparer.Ordinal);

        var local = LocalSettingsValues.ToDictionary(pair => pair.Key, pair => pair.Value!.ToJsonString(), StringComparer.Ordinal);

        Assert.Equal(
            appSettings.Keys.Where(name => !IsAzureOnly(name)).Order(StringComparer.Ordinal),
            local.Keys.Order(StringComparer.Ordinal));
        Assert.All(local, setting => Assert.Equal(appSettings[setting.Key], setting.Value));
    }

    [Fact]
    public void LocalSettingsValues_SetEverySettingTheAppReads()
    {
        var names = LocalSettingsValues.Select(pair => pair.Key).ToList();

        var missing = SettingsParityTests.SettingsReadEverywhere.Select(row => row.Data).Where(name => !SettingNames.IsSet(name, names)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task PosixHook_FakeAzd_WritesTheEnvironmentsSettingsAndNothingSecret()
    {
        var values = SampleLocalSettings();
        using var azd = new FakeAzd(AzdEnvironment(values));

        var run = await azd.RunAsync("sh", [PosixScript, azd.OutputFile], EnvironmentName);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal([$"env get-values -e {EnvironmentName}"], azd.Calls);
        AssertLocalSettings(azd.OutputFile, values);
    }

    [Theory]
    [InlineData("quote \" backslash \\ dollar $HOME backtick ` bang !")]
    [InlineData("json-looking {\"a\":[1,2]}, with: commas")]
    [InlineData("line\nbreak and tab\t")]
    [InlineData("ünïcödé ✓")]
    [InlineData("007")]
    public async Task PosixHook_AwkwardValue_IsWrittenExactly(string value)
    {
        var values = new Dictionary<string, string>(SampleLocalSettings()) { ["Awkward"] = value };
        using var azd = new FakeAzd(AzdEnvironment(values));

        var run = await azd.RunAsync("sh", [PosixScript, azd.OutputFile], EnvironmentName);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(value, ReadValues(azd.OutputFile)["Awkward"]);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=st1;AccountKey=bm90LWEta2V5;EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://evhns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=bm90LWEta2V5")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/")]
    [InlineData("https://st1.blob.core.windows.net/quarantine?sv=2024-11-04&sr=c&sig=bm90LWEtc2ln")]
    public async Task PosixHook_KeyOrConnectionString_IsRefusedAndNothingWritten(string secret)
    {
        var values = new Dictionary<string, string>(SampleLocalSettings()) { ["DeadLetterStorage"] = secret };
        using var azd = new FakeAzd(AzdEnvironment(values));

        var run = await azd.RunAsync("sh", [PosixScript, azd.OutputFile], EnvironmentName);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(azd.OutputFile));
    }

    [Fact]
    public async Task PosixHook_NoLocalSettingsOutput_FailsAndWritesNothing()
    {
        var environment = AzdEnvironment(SampleLocalSettings());
        environment.Remove(OutputName);
        using var azd = new FakeAzd(environment);

        var run = await azd.RunAsync("sh", [PosixScript, azd.OutputFile], EnvironmentName);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(OutputName, run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(azd.OutputFile));
    }

    [Fact]
    public async Task PosixHook_AzdFails_FailsAndWritesNothing()
    {
        using var azd = new FakeAzd(AzdEnvironment(SampleLocalSettings()), exitCode: 1);

        var run = await azd.RunAsync("sh", [PosixScript, azd.OutputFile], EnvironmentName);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(azd.OutputFile));
    }

    [Fact]
    public async Task WindowsHook_FakeAzd_WritesTheSameSettings()
    {
        var pwsh = FindOnPath("pwsh");
        if (pwsh is null)
        {
            Assert.Skip("pwsh is not installed: the Windows postprovision hook (postprovision.ps1) cannot run here.");
        }

        var values = SampleLocalSettings();
        values["Awkward"] = "quote \" backslash \\ date-like 2026-01-02T03:04:05Z ü";
        using var azd = new FakeAzd(AzdEnvironment(values));

        var run = await azd.RunAsync(pwsh, ["-NoProfile", "-NonInteractive", "-File", WindowsScript, "-OutputFile", azd.OutputFile], EnvironmentName);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal([$"env get-values --output json -e {EnvironmentName}"], azd.Calls);
        AssertLocalSettings(azd.OutputFile, values);
    }

    private static void AssertLocalSettings(string path, IReadOnlyDictionary<string, string> expected)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var values = ReadValues(path);

        Assert.Equal(JsonValueKind.False, root["IsEncrypted"]!.GetValueKind());
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(values, setting => Assert.DoesNotMatch(SecretLooking(), setting.Value));
        Assert.DoesNotContain(values.Keys, IsAzureOnly);
        Assert.Matches(KeyVaultReference(), values["Enrichment__Pii__Salt"]);
        Assert.Matches(KeyVaultReference(), values["DeadLetterStorage__EncryptionKey"]);
    }

    private static Dictionary<string, string> ReadValues(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["Values"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal);

    /// <summary>What only the managed identity (credential, client ids) or Azure itself (platform, telemetry) uses.</summary>
    private static bool IsAzureOnly(string name) =>
        name.EndsWith("__credential", StringComparison.Ordinal)
        || name.EndsWith("__clientId", StringComparison.Ordinal)
        || name is "Cosmos__ClientId" or "AZURE_CLIENT_ID" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE"
        || name.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal);

    /// <summary>The local settings a provisioned environment would hold, with the Bicep setting names.</summary>
    private Dictionary<string, string> SampleLocalSettings() =>
        LocalSettingsValues.ToDictionary(
            pair => pair.Key,
            pair => SampleValues.TryGetValue(pair.Key, out var sample) ? sample
                : pair.Value!.GetValue<string>() is var compiledValue && !compiledValue.StartsWith('[') ? compiledValue
                : $"sample-{pair.Key}",
            StringComparer.Ordinal);

    /// <summary>An azd environment after provisioning: the outputs (a connection string among them) and the local settings.</summary>
    private static Dictionary<string, string> AzdEnvironment(IReadOnlyDictionary<string, string> localSettings) => new(StringComparer.Ordinal)
    {
        ["AZURE_ENV_NAME"] = EnvironmentName,
        ["AZURE_LOCATION"] = "swedencentral",
        ["AZURE_SUBSCRIPTION_ID"] = "00000000-0000-0000-0000-000000000001",
        ["AZURE_KEY_VAULT_NAME"] = "kv-7ulcqxxwesckw",
        ["EVENTHUBS_FULLY_QUALIFIED_NAMESPACE"] = "evhns-7ulcqxxwesckw.servicebus.windows.net",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/",
        ["EVENTHUB_PARTITION_COUNT"] = "4",
        // azd stores an object output as compact JSON (pkg/infra/provisioning/manager.go UpdateEnvironment: json.Marshal,
        // which escapes a quote as \" and keeps other characters as they are).
        [OutputName] = JsonSerializer.Serialize(localSettings, GoJson),
    };

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex("AccountKey=|SharedAccessKey|SharedAccessSignature|InstrumentationKey=|[?&]sig=|password", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(SecretUri=https://[^)]+/secrets/[^)]+\)$")]
    private static partial Regex KeyVaultReference();
}
