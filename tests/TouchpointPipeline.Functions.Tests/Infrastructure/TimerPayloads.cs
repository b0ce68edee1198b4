extern alias DevHost;

using System.Buffers;
using System.Text;
using System.Text.Json;
using DevHost::TouchpointPipeline.DevHost.Invocation;
using DevHost::TouchpointPipeline.DevHost.Timers;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// timerTrigger invocation bodies as the host sends them (docs/host-protocol.md §5, captured from a real host), written by the
/// dev host's <see cref="TimerPayloadWriter"/>; this type only supplies the captured values.
/// </summary>
internal static class TimerPayloads
{
    private static readonly ScheduleStatus Status = new(
        Last: null,
        Next: new DateTimeOffset(2026, 11, 20, 10, 34, 0, TimeSpan.Zero),
        LastUpdated: new DateTimeOffset(2026, 11, 20, 10, 33, 0, TimeSpan.Zero).AddTicks(4_038_380));

    private static readonly InvocationAttempt Attempt = new(
        Guid.Empty, new DateTimeOffset(2026, 11, 20, 10, 33, 0, TimeSpan.Zero).AddTicks(4_623_900), Guid.Parse("fa3b2fbc-26ed-4fcb-be75-82db8773b519"), Retry: null);

    public static string Timer(string bindingName = "timer", bool isPastDue = false, bool withScheduleStatus = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, HostJsonWriter.Options))
        {
            TimerPayloadWriter.Write(writer, "SweepPatterns", bindingName, new TimerOccurrence(withScheduleStatus ? Status : null, isPastDue), Attempt);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
