using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Storage.Cosmos;

internal sealed class CosmosStorageOptionsValidator : IValidateOptions<CosmosStorageOptions>
{
    private const string Section = CosmosStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CosmosStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.AccountEndpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:{nameof(options.AccountEndpoint)} must be the account's http(s) endpoint.");
        }

        if (options.Emulator && string.IsNullOrWhiteSpace(options.AccountKey))
        {
            failures.Add($"{Section}:{nameof(options.AccountKey)} is required with {Section}:{nameof(options.Emulator)}.");
        }

        if (string.IsNullOrWhiteSpace(options.DatabaseName))
        {
            failures.Add($"{Section}:{nameof(options.DatabaseName)} must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.TimelineContainerName))
        {
            failures.Add($"{Section}:{nameof(options.TimelineContainerName)} must not be empty.");
        }

        if (options.MaxRetryAttempts is < 0 or > 20)
        {
            failures.Add($"{Section}:{nameof(options.MaxRetryAttempts)} must be between 0 and 20.");
        }

        if (options.MaxRetryWaitTime < TimeSpan.Zero || options.MaxRetryWaitTime > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.MaxRetryWaitTime)} must be between 0 and 1 minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
