using System.Globalization;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>
/// A <c>retry</c> section (function.json, or host.json for the whole app): <c>fixedDelay</c> with <c>delayInterval</c>,
/// or <c>exponentialBackoff</c> with <c>minimumInterval</c>/<c>maximumInterval</c> (docs/host-protocol.md §7.6).
/// <c>MaxRetryCount</c> -1 retries forever.
/// </summary>
internal sealed record RetryPolicy(string Strategy, int MaxRetryCount, TimeSpan DelayInterval, TimeSpan MinimumInterval, TimeSpan MaximumInterval)
{
    public const string FixedDelay = "fixedDelay";
    public const string ExponentialBackoff = "exponentialBackoff";

    public bool IsExponential => string.Equals(Strategy, ExponentialBackoff, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Delay before retry number <paramref name="retryCount"/> (1 for the first retry). Exponential backoff doubles from
    /// the minimum and stops at the maximum; the WebJobs SDK adds jitter, which a development host leaves out so runs
    /// are repeatable.
    /// </summary>
    public TimeSpan DelayBefore(int retryCount)
    {
        if (!IsExponential)
        {
            return DelayInterval;
        }

        var exponent = Math.Min(Math.Max(retryCount - 1, 0), 30);
        var ticks = MinimumInterval.Ticks * Math.Pow(2, exponent);
        return ticks >= MaximumInterval.Ticks ? MaximumInterval : TimeSpan.FromTicks((long)ticks);
    }

    public static RetryPolicy? Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject retry)
        {
            return null;
        }

        string? Text(string name) => retry.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

        var strategy = Text("strategy") ?? throw new FunctionAppException($"{where}: retry.strategy is required ({FixedDelay} or {ExponentialBackoff}).");
        if (!int.TryParse(Text("maxRetryCount"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max) || max < -1)
        {
            throw new FunctionAppException($"{where}: retry.maxRetryCount must be an integer >= -1.");
        }

        TimeSpan Interval(string name, bool required)
        {
            var text = Text(name);
            if (text is null && !required)
            {
                return TimeSpan.Zero;
            }

            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
                ? value
                : throw new FunctionAppException($"{where}: retry.{name} must be a time span such as 00:00:05 for strategy {strategy}.");
        }

        if (string.Equals(strategy, FixedDelay, StringComparison.OrdinalIgnoreCase))
        {
            return new RetryPolicy(FixedDelay, max, Interval("delayInterval", required: true), TimeSpan.Zero, TimeSpan.Zero);
        }

        if (string.Equals(strategy, ExponentialBackoff, StringComparison.OrdinalIgnoreCase))
        {
            var min = Interval("minimumInterval", required: true);
            var maxInterval = Interval("maximumInterval", required: true);
            return min <= maxInterval
                ? new RetryPolicy(ExponentialBackoff, max, TimeSpan.Zero, min, maxInterval)
                : throw new FunctionAppException($"{where}: retry.minimumInterval must not exceed retry.maximumInterval.");
        }

        throw new FunctionAppException($"{where}: retry.strategy '{strategy}' is neither {FixedDelay} nor {ExponentialBackoff}.");
    }
}
