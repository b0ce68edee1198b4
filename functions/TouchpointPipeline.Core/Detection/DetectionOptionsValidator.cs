using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Detection.Rules;

namespace TouchpointPipeline.Core.Detection;

/// <summary>Validates the settings and loads the rule files at start, so a bad rule stops the app with the loader's message.</summary>
internal sealed class DetectionOptionsValidator : IValidateOptions<DetectionOptions>
{
    public ValidateOptionsResult Validate(string? name, DetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetentionSlack < TimeSpan.Zero || options.AbsenceGrace < TimeSpan.Zero)
        {
            failures.Add("Detection:RetentionSlack and Detection:AbsenceGrace must not be negative.");
        }

        try
        {
            RuleLoader.LoadFolder(options.ResolvedRulesPath);
        }
        catch (RuleValidationException ex)
        {
            failures.Add(ex.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
