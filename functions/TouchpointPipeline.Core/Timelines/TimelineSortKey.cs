using System.Globalization;

namespace TouchpointPipeline.Core.Timelines;

/// <summary>
/// A string that sorts like (time, id): 19-digit UTC ticks, a separator, the event id. Both stores index and page on
/// it with a single range comparison, so a late event lands at its time and paging never skips or repeats ties.
/// </summary>
public static class TimelineSortKey
{
    private const char Separator = '|';

    public static string For(DateTimeOffset time, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.UtcTicks:D19}{Separator}{id}");

    /// <summary>The key of every event strictly before <paramref name="time"/> sorts below this one.</summary>
    public static string Before(DateTimeOffset time) =>
        time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
