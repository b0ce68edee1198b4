using System.Text.Json.Nodes;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>
/// Dead letters are encrypted in every azd deployment: main.parameters.json asks azd for
/// <c>$(secretOrRandomPassword ... dead-letter-key)</c>, main.bicep extends azd's short first-run value with two fresh
/// GUIDs, Key Vault stores it as <c>dead-letter-key</c>, and the app reads it through a Key Vault reference as
/// <c>DeadLetterStorage__EncryptionKey</c>. A value read back from the vault is stored unchanged (a changed key would
/// make older dead letters unreadable). Limits come from the files that set them, never copied here.
/// </summary>
public sealed class DeadLetterKeyTests(CompiledTemplate compiled) : IDisposable
{
    private const int Samples = 40;
    private const string SecretName = "dead-letter-key";
    private const string SettingName = "DeadLetterStorage__EncryptionKey";

    private static readonly string KeyVaultBicep = Repository.File("infra", "app", "keyvault.bicep");

    private readonly string _directory = Directory.CreateTempSubdirectory("touchpoint-dlkey-").FullName;

    private static int StoredMinLength => Math.Max(
        BicepSource.ParameterMinLength(KeyVaultBicep, "deadLetterKey"),
        AppSource.IntConstant("MinEncryptionKeyLength")); // DeadLetterStorageOptions: the app refuses a shorter secret

    private JsonObject KeyVaultModule => compiled.ModuleDeclaring("Microsoft.KeyVault/vaults");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ParameterFile_DeadLetterKey_GeneratedOnceThenReadBackFromTheVault()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Repository.File("infra", "main.parameters.json")))!;

        Assert.Equal($"$(secretOrRandomPassword ${{AZURE_KEY_VAULT_NAME}} {SecretName})", parameters["parameters"]!["deadLetterKey"]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("baseAppSettings")]
    [InlineData("localSettingsValues")]
    public void AppSetting_EncryptionKey_IsAKeyVaultReferenceToTheDeadLetterKeySecret(string block)
    {
        var api = compiled.ModuleDeclaring("Microsoft.Web/sites/config");
        var keyVaultOutput = KeyVaultModule["outputs"]!["deadLetterKeySecretUri"]!["value"]!.GetValue<string>();
        var apiDeployment = Deployment("api");

        var setting = api["variables"]![block]![SettingName]!.GetValue<string>();

        Assert.Equal("[format('@Microsoft.KeyVault(SecretUri={0})', parameters('deadLetterKeySecretUri'))]", setting);
        Assert.Equal("[reference('keyVault').outputs.deadLetterKeySecretUri.value]", apiDeployment["properties"]!["parameters"]!["deadLetterKeySecretUri"]!["value"]!.GetValue<string>());
        Assert.Equal($"[format('{{0}}secrets/{{1}}', reference('vault').vaultUri, '{SecretName}')]", keyVaultOutput);
    }

    [Fact]
    public void KeyVault_StoresTheDeadLetterKeyParameterAsASecureSecretLongEnoughForTheApp()
    {
        var secret = CompiledTemplate.Resources(KeyVaultModule)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.KeyVault/vaults/secrets" && r["name"]!.GetValue<string>().Contains($"'{SecretName}'", StringComparison.Ordinal));
        var stored = KeyVaultModule["parameters"]!["deadLetterKey"]!;
        var given = compiled.Template["parameters"]!["deadLetterKey"]!;

        Assert.Equal("[parameters('deadLetterKey')]", secret["properties"]!["value"]!.GetValue<string>());
        Assert.Equal("securestring", stored["type"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("securestring", given["type"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(BicepSource.ParameterMinLength(KeyVaultBicep, "deadLetterKey"), stored["minLength"]!.GetValue<int>());
        Assert.True(stored["minLength"]!.GetValue<int>() >= AppSource.IntConstant("MinEncryptionKeyLength"));
    }

    [Fact]
    public void MainBicep_HandsTheVaultDeadLetterKeyToStoreOfTheGivenKeyAndTwoFreshGuids()
    {
        var parameters = compiled.Template["parameters"]!;

        var value = Deployment("keyvault")["properties"]!["parameters"]!["deadLetterKey"]!["value"]!.GetValue<string>();

        Assert.Equal(
            "[__bicep.deadLetterKeyToStore(parameters('deadLetterKey'), format('{0}{1}', parameters('deadLetterKeyExtension'), parameters('deadLetterKeyExtension2')))]",
            value);
        Assert.Equal("[newGuid()]", parameters["deadLetterKeyExtension"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("[newGuid()]", parameters["deadLetterKeyExtension2"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void AzdFirstRunKey_MeetsMainBicepMinLength()
    {
        var minLength = compiled.Template["parameters"]!["deadLetterKey"]!["minLength"]!.GetValue<int>();

        var keys = Enumerable.Range(0, Samples).Select(_ => AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword));

        Assert.Equal(BicepSource.ParameterMinLength(Repository.MainBicep, "deadLetterKey"), minLength);
        Assert.All(keys, key => Assert.True(key.Length >= minLength, $"azd's first-run key has {key.Length} characters; main.bicep deadLetterKey wants {minLength}"));
    }

    [Fact]
    public async Task AzdFirstRunKey_IsAcceptedByTheBicepCompilerForMainBicep()
    {
        var key = AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword);

        var (build, parameters) = await BicepParameters.BuildAsync(_directory, Repository.MainBicep, $"""
            param environmentName = 'dlkey-test'
            param location = 'westeurope'
            param piiSalt = {BicepParameters.Literal(AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword))}
            param deadLetterKey = {BicepParameters.Literal(key)}
            """);

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Equal(key, parameters!["deadLetterKey"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task StoredKey_FromAzdFirstRunKey_IsExtendedWithTheGuidDigitsToTheAppMinimum()
    {
        var keys = Enumerable.Range(0, Samples).Select(_ => AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword)).ToList();
        var extensions = keys.Select(_ => $"{Guid.NewGuid()}{Guid.NewGuid()}").ToList();

        var stored = await StoreAsync(keys.Zip(extensions));

        Assert.All(stored.Zip(keys, extensions), stores =>
        {
            var (value, key, extension) = stores;
            Assert.True(key.Length < StoredMinLength, $"azd's first-run key has {key.Length} characters, no extension needed: the test no longer covers the first run");
            Assert.True(value.Length >= StoredMinLength, $"{value.Length} characters stored; keyvault.bicep and the app want {StoredMinLength}");
            // Two GUIDs' 64 hex digits: 244 fresh random bits (122 each), beyond azd's own part.
            Assert.Equal(key + extension.Replace("-", string.Empty, StringComparison.Ordinal), value);
        });
        Assert.Equal(Samples, stored.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task StoredKey_ReadBackFromTheVault_IsStoredUnchanged()
    {
        // Later runs: azd reads the stored key back and passes it in again; it must not grow or change.
        var first = (await StoreAsync([(AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword), $"{Guid.NewGuid()}{Guid.NewGuid()}")])).Single();
        string[] readBack =
        [
            first,
            AzdPasswordGenerator.Generate(new AzdPasswordConfig(Length: (uint)StoredMinLength, MinLower: 1, MinUpper: 1, MinNumeric: 1)),
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), // a key an operator set
        ];

        var stored = await StoreAsync(readBack.Select(key => (key, $"{Guid.NewGuid()}{Guid.NewGuid()}")));

        Assert.Equal(readBack, stored);
    }

    private JsonObject Deployment(string name) =>
        CompiledTemplate.Resources(compiled.Template)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name);

    /// <summary>Evaluates keyvault.bicep's exported deadLetterKeyToStore (what main.bicep hands the vault) for each pair.</summary>
    private async Task<IReadOnlyList<string>> StoreAsync(IEnumerable<(string Key, string Extension)> inputs)
    {
        var probe = Path.Combine(_directory, "probe.bicep");
        await File.WriteAllTextAsync(probe, "param results array\noutput results array = results\n");
        var calls = string.Join("\n", inputs.Select(i => $"  deadLetterKeyToStore({BicepParameters.Literal(i.Key)}, {BicepParameters.Literal(i.Extension)})"));

        var (build, parameters) = await BicepParameters.BuildAsync(_directory, probe, $"import {{ deadLetterKeyToStore }} from '{{infra}}/app/keyvault.bicep'\nparam results = [\n{calls}\n]");

        Assert.True(build.ExitCode == 0, build.Describe());
        return [.. parameters!["results"]!["value"]!.AsArray().Select(value => value!.GetValue<string>())];
    }
}
