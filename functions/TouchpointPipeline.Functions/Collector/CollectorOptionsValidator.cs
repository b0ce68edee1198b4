using Microsoft.Extensions.Options;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>Refuses, at start, write keys that are short, duplicated or issued for no source, and non-absolute origins.</summary>
internal sealed class CollectorOptionsValidator : IValidateOptions<CollectorOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        var failures = new List<string>();
        foreach (var (keyName, key) in options.WriteKeys)
        {
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Length < WriteKeyOptions.MinKeyLength)
            {
                failures.Add($"Collector:WriteKeys:{keyName}:Key must be at least {WriteKeyOptions.MinKeyLength} characters.");
            }

            if (key.Sources.Length == 0 || key.Sources.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"Collector:WriteKeys:{keyName}:Sources must list at least one source (or *), none empty.");
            }
        }

        foreach (var duplicate in options.WriteKeys.GroupBy(k => k.Value.Key, StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0))
        {
            failures.Add($"Collector:WriteKeys {string.Join(", ", duplicate.Select(d => d.Key))} share one key; each key must be unique.");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                failures.Add($"Collector:AllowedOrigins entry '{origin}' must be an origin such as https://shop.example.com (scheme, host, optional port; no path).");
            }
        }

        if (options.PublishRetryAfter < TimeSpan.FromSeconds(1) || options.RateLimit.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            failures.Add("Collector:PublishRetryAfter must be at least 1 second and Collector:RateLimit:ReplenishmentPeriod positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
