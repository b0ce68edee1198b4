using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Functions.Collector;

/// <summary>
/// Refuses, at start: write keys that are short, duplicated, issued for no source or without a kind; scopes naming
/// unknown channels or event types, or a browser key reaching beyond web/app clickstream; identity secrets that are
/// short or unresolved Key Vault references; non-absolute origins; an event bucket smaller than one full batch.
/// </summary>
internal sealed class CollectorOptionsValidator : IValidateOptions<CollectorOptions>
{
    public ValidateOptionsResult Validate(string? name, CollectorOptions options)
    {
        var failures = new List<string>();
        foreach (var (keyName, key) in options.WriteKeys)
        {
            var prefix = $"Collector:WriteKeys:{keyName}";
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Length < WriteKeyOptions.MinKeyLength)
            {
                failures.Add($"{prefix}:Key must be at least {WriteKeyOptions.MinKeyLength} characters.");
            }

            if (key.Sources.Length == 0 || key.Sources.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{prefix}:Sources must list at least one source (or *), none empty.");
            }

            if (key.Kind is null)
            {
                failures.Add($"{prefix}:Kind must be set (app setting Collector__WriteKeys__{keyName}__Kind): Browser for a key in a web page "
                    + "or app (web/app clickstream and customer.identified only) or Server for a key kept on a back end (any channel and "
                    + "event type). A key without a kind is refused rather than guessed; see docs/collector.md#write-keys.");
            }

            ValidateScope(prefix, key, failures);
            if (key.IdentitySecret is { } secret
                && (secret.Length < WriteKeyOptions.MinIdentitySecretLength || string.IsNullOrWhiteSpace(secret)
                    || secret.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{prefix}:IdentitySecret must be a secret of at least {WriteKeyOptions.MinIdentitySecretLength} characters "
                    + "(an unresolved Key Vault reference means the app could not read the secret). Remove the setting to turn identity verification off.");
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

        if (options.RateLimit.EventTokenLimit < options.MaxEvents)
        {
            failures.Add($"Collector:RateLimit:EventTokenLimit ({options.RateLimit.EventTokenLimit}) must be at least Collector:MaxEvents ({options.MaxEvents}), or a full batch could never pass.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateScope(string prefix, WriteKeyOptions key, List<string> failures)
    {
        var browser = key.Kind == WriteKeyKind.Browser;
        foreach (var channel in key.Channels)
        {
            if (channel == WriteKeyScope.Any ? browser : !ChannelNames.TryParse(channel, out _))
            {
                failures.Add($"{prefix}:Channels entry '{channel}' must be one of web, app, call, chat (or * for a Server key).");
            }
            else if (browser && !WriteKeyScope.BrowserChannels.Contains(channel, StringComparer.Ordinal))
            {
                failures.Add($"{prefix}:Channels entry '{channel}': a Browser key is public and may send only web and app events; use a Server key kept on a back end.");
            }
        }

        foreach (var type in key.EventTypes)
        {
            if (type == WriteKeyScope.Any ? browser : !EventTypes.All.Contains(type, StringComparer.Ordinal))
            {
                failures.Add($"{prefix}:EventTypes entry '{type}' must be a known event type (docs/event-contract.md) (or * for a Server key).");
            }
            else if (browser && !WriteKeyScope.BrowserEventTypes.Contains(type, StringComparer.Ordinal))
            {
                failures.Add($"{prefix}:EventTypes entry '{type}': a Browser key is public and may send only web/app clickstream events and customer.identified; use a Server key.");
            }
        }
    }
}
