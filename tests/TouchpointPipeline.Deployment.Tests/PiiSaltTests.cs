using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>
/// The PII salt on a first <c>azd up</c>: main.parameters.json asks azd for <c>$(secretOrRandomPassword ...)</c>, which
/// has no vault to read yet and generates a password by azd's rule. That value must pass main.bicep's constraint, and what
/// Key Vault stores must pass keyvault.bicep's and the app's own minimum; a salt read back later must stay as it is.
/// Every limit is read from the files that set it, never copied here.
/// </summary>
public sealed class PiiSaltTests(CompiledTemplate compiled) : IDisposable
{
    private const int Samples = 40;

    private static readonly string KeyVaultBicep = Repository.File("infra", "app", "keyvault.bicep");

    private readonly string _directory = Directory.CreateTempSubdirectory("touchpoint-salt-").FullName;

    private static int MainMinLength => BicepSource.ParameterMinLength(Repository.MainBicep, "piiSalt");

    private static int StoredMinLength => Math.Max(
        BicepSource.ParameterMinLength(KeyVaultBicep, "piiSalt"),
        AppSource.IntConstant("MinSaltLength")); // PiiOptions.MinSaltLength: the app refuses to start with less

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AzdRule_SecretOrRandomPassword_HasTheMinimumsOfEachClassAndNothingElse()
    {
        var config = AzdPasswordConfig.SecretOrRandomPassword;
        int lower = (int)(config.MinLower ?? 0), upper = (int)(config.MinUpper ?? 0), numeric = (int)(config.MinNumeric ?? 0);

        var salts = Enumerable.Range(0, Samples).Select(_ => AzdPasswordGenerator.Generate(config)).ToList();

        // No Length: exactly the minimums, so no symbols.
        Assert.All(salts, salt =>
        {
            Assert.Equal(lower + upper + numeric, salt.Length);
            Assert.Equal(lower, salt.Count(c => AzdPasswordGenerator.LowercaseLetters.Contains(c)));
            Assert.Equal(upper, salt.Count(c => AzdPasswordGenerator.UppercaseLetters.Contains(c)));
            Assert.Equal(numeric, salt.Count(c => AzdPasswordGenerator.Digits.Contains(c)));
        });
        Assert.Equal(Samples, salts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void AzdFirstRunSalt_MeetsMainBicepMinLength()
    {
        var salts = Enumerable.Range(0, Samples).Select(_ => AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword));

        Assert.All(salts, salt => Assert.True(salt.Length >= MainMinLength, $"azd's first-run salt has {salt.Length} characters; main.bicep piiSalt wants {MainMinLength}"));
    }

    [Fact]
    public void BicepSourceMinLengths_AreWhatTheCompiledTemplateEnforces()
    {
        Assert.Equal(MainMinLength, compiled.Template["parameters"]!["piiSalt"]!["minLength"]!.GetValue<int>());
        Assert.Equal(
            BicepSource.ParameterMinLength(KeyVaultBicep, "piiSalt"),
            compiled.Modules["keyvault"]["parameters"]!["piiSalt"]!["minLength"]!.GetValue<int>());
    }

    [Fact]
    public void MainBicep_HandsTheVaultPiiSaltToStoreOfTheGivenSalt()
    {
        var keyVault = CompiledTemplate.Resources(compiled.Template)
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == "keyvault");

        Assert.StartsWith(
            "[__bicep.piiSaltToStore(parameters('piiSalt'), ",
            keyVault["properties"]!["parameters"]!["piiSalt"]!["value"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzdFirstRunSalt_IsAcceptedByTheBicepCompilerForMainBicep()
    {
        var salt = AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword);

        var (build, parameters) = await BicepParameters.BuildAsync(_directory, Repository.MainBicep, MainParameters(salt));

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Equal(salt, parameters!["piiSalt"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task SaltShorterThanAzdGenerates_IsRejectedByTheBicepCompiler()
    {
        // The check above can fail: one character less than azd's value is refused (BCP333), as azd's 15 characters
        // were while main.bicep asked for 16.
        var salt = AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword)[..(MainMinLength - 1)];

        var (build, _) = await BicepParameters.BuildAsync(_directory, Repository.MainBicep, MainParameters(salt));

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("BCP333", build.StandardOutput + build.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredSalt_FromAzdFirstRunSalt_MeetsKeyVaultAndAppMinimumAndKeepsTheGeneratedPart()
    {
        var salts = Enumerable.Range(0, Samples).Select(_ => AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword)).ToList();
        var extensions = salts.Select(_ => Guid.NewGuid().ToString()).ToList();

        var stored = await StoreAsync(salts.Zip(extensions));

        Assert.All(stored.Zip(salts), pair =>
        {
            Assert.True(pair.First.Length >= StoredMinLength, $"{pair.First.Length} characters stored; keyvault.bicep and the app want {StoredMinLength}");
            Assert.StartsWith(pair.Second, pair.First, StringComparison.Ordinal);
        });
        Assert.Equal(Samples, stored.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task StoredSalt_ReadBackFromTheVault_IsStoredUnchanged()
    {
        // Later runs: azd reads the stored salt back and passes it in again; it must not grow or change.
        var first = (await StoreAsync([(AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword), Guid.NewGuid().ToString())])).Single();
        string[] readBack = [first, AzdPasswordGenerator.Generate(new AzdPasswordConfig(Length: (uint)StoredMinLength, MinLower: 1, MinUpper: 1, MinNumeric: 1)), new string('k', 64)];

        var stored = await StoreAsync(readBack.Select(salt => (salt, Guid.NewGuid().ToString())));

        Assert.Equal(readBack, stored);
    }

    private static string MainParameters(string salt) => $"""
        param environmentName = 'salt-test'
        param location = 'westeurope'
        param piiSalt = {BicepParameters.Literal(salt)}
        param deadLetterKey = {BicepParameters.Literal(AzdPasswordGenerator.Generate(AzdPasswordConfig.SecretOrRandomPassword))}
        """;

    /// <summary>Evaluates keyvault.bicep's exported piiSaltToStore (what main.bicep hands the vault) for each pair.</summary>
    private async Task<IReadOnlyList<string>> StoreAsync(IEnumerable<(string Salt, string Extension)> inputs)
    {
        var probe = Path.Combine(_directory, "probe.bicep");
        await File.WriteAllTextAsync(probe, "param results array\noutput results array = results\n");
        var calls = string.Join("\n", inputs.Select(i => $"  piiSaltToStore({BicepParameters.Literal(i.Salt)}, {BicepParameters.Literal(i.Extension)})"));

        var (build, parameters) = await BicepParameters.BuildAsync(_directory, probe, $"import {{ piiSaltToStore }} from '{{infra}}/app/keyvault.bicep'\nparam results = [\n{calls}\n]");

        Assert.True(build.ExitCode == 0, build.Describe());
        return [.. parameters!["results"]!["value"]!.AsArray().Select(value => value!.GetValue<string>())];
    }
}
