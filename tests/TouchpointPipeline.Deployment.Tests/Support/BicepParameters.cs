using System.Text.Json.Nodes;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// Compiles a .bicepparam file with the Bicep CLI (<c>build-params</c>), which type-checks the values against the
/// template's decorators and evaluates their expressions, including functions imported from the repo's .bicep files.
/// </summary>
public static class BicepParameters
{
    /// <param name="usingFile">The template the parameters are for (a repo file, or one written next to them).</param>
    /// <param name="body">The .bicepparam lines after <c>using</c>; <c>{infra}</c> is replaced by the relative path to infra/.</param>
    public static async Task<(ProcessResult Build, JsonObject? Parameters)> BuildAsync(string directory, string usingFile, string body)
    {
        var infra = Path.GetRelativePath(directory, Repository.File("infra")).Replace('\\', '/');
        var file = Path.Combine(directory, "test.bicepparam");
        await File.WriteAllTextAsync(file, $"using '{Path.GetRelativePath(directory, usingFile).Replace('\\', '/')}'\n{body.Replace("{infra}", infra, StringComparison.Ordinal)}\n");
        var build = await ProcessRunner.RunAsync(Repository.BicepExecutable(), ["build-params", file, "--stdout"], TimeSpan.FromMinutes(2));
        if (build.ExitCode != 0)
        {
            return (build, null);
        }

        var parametersJson = JsonNode.Parse(build.StandardOutput)!["parametersJson"]!.GetValue<string>();
        return (build, JsonNode.Parse(parametersJson)!["parameters"]!.AsObject());
    }

    /// <summary>A Bicep single-quoted string literal.</summary>
    public static string Literal(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("${", "\\${", StringComparison.Ordinal) + "'";
}
