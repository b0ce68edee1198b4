using System.Globalization;
using NCrontab;
using TouchpointPipeline.DevHost.FunctionApp;

namespace TouchpointPipeline.DevHost.Timers;

/// <summary>
/// A timer's <c>schedule</c> (docs/host-protocol.md §9.3): a 6-field NCRONTAB expression with seconds first, or a constant
/// interval <c>hh:mm:ss</c> as the host also accepts. Times are UTC (<c>WEBSITE_TIME_ZONE</c> is not applied).
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    public string Expression { get; }

    public DateTimeOffset NextAfter(DateTimeOffset time)
    {
        if (_cron is not null)
        {
            return new DateTimeOffset(_cron.GetNextOccurrence(time.UtcDateTime), TimeSpan.Zero);
        }

        return time + _interval;
    }

    public static TimerSchedule Parse(string expression, string where)
    {
        if (expression.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero
                ? new TimerSchedule(expression, null, every)
                : throw new FunctionAppException($"{where}: schedule '{expression}' is neither an NCRONTAB expression nor a positive hh:mm:ss interval.");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            throw new FunctionAppException($"{where}: schedule '{expression}' has {fields} fields; Functions NCRONTAB needs 6 ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
        }

        var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new FunctionAppException($"{where}: schedule '{expression}' is not a valid NCRONTAB expression.");
        return new TimerSchedule(expression, parsed, TimeSpan.Zero);
    }
}
