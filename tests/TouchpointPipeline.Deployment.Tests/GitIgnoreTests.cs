using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>What azd and the postprovision hook write stays out of git (checked with git itself).</summary>
public sealed class GitIgnoreTests
{
    [Theory]
    [InlineData(".azure/touchpoints-dev/.env")] // azd's outputs and settings per environment
    [InlineData(".azure/touchpoints-dev/config.json")] // azd's saved parameter values
    [InlineData(".azure/config.json")] // the default environment
    [InlineData("functions/TouchpointPipeline.Functions/local.settings.json")] // written by the postprovision hook
    public async Task GeneratedFile_IsIgnored(string path)
    {
        var result = await CheckIgnoreAsync(path);

        Assert.True(result.ExitCode == 0, $"{path} is not ignored\n{result.Describe()}");
    }

    [Theory]
    [InlineData("infra/main.bicep")]
    [InlineData("infra/scripts/postprovision.sh")]
    [InlineData("local.settings.sample.json")]
    public async Task SourceFile_IsNotIgnored(string path)
    {
        var result = await CheckIgnoreAsync(path);

        Assert.True(result.ExitCode == 1, $"{path} is ignored\n{result.Describe()}");
    }

    // --no-index: the rules decide, whether or not the file exists or is tracked.
    private static Task<ProcessResult> CheckIgnoreAsync(string path) =>
        ProcessRunner.RunAsync("git", ["check-ignore", "--no-index", "--verbose", path], TimeSpan.FromSeconds(30));
}
