using System.Text.Json;
using TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.DevHost.Timers;

/// <summary>
/// The host's timer payload (docs/host-protocol.md §5): <c>Data.&lt;name&gt;</c> is a real object (TimerInfo: <c>Schedule</c>,
/// <c>ScheduleStatus</c> or null without the monitor, <c>IsPastDue</c>); <c>Metadata</c> holds only <c>sys</c> (the
/// <c>TimerTrigger</c> key is dropped by the "ends with trigger" rule) and <c>RetryContext</c> when a policy applies.
/// </summary>
internal static class TimerPayloadWriter
{
    public static void Write(Utf8JsonWriter writer, string functionName, string bindingName, TimerOccurrence occurrence, InvocationAttempt attempt)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("Data");
        writer.WriteStartObject(bindingName);
        writer.WriteStartObject("Schedule");
        writer.WriteBoolean("AdjustForDST", true);
        writer.WriteEndObject();
        if (occurrence.Status is { } status)
        {
            writer.WriteStartObject("ScheduleStatus");

            // A first run has no last occurrence: DateTime.MinValue, written without an offset.
            writer.WriteString("Last", status.Last is { } last ? HostJsonWriter.LocalOnUtcMachine(last) : "0001-01-01T00:00:00");
            writer.WriteString("Next", HostJsonWriter.LocalOnUtcMachine(status.Next));
            writer.WriteString("LastUpdated", HostJsonWriter.LocalOnUtcMachine(status.LastUpdated));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("ScheduleStatus");
        }

        writer.WriteBoolean("IsPastDue", occurrence.IsPastDue);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("Metadata");
        HostJsonWriter.WriteSys(writer, functionName, attempt);
        if (attempt.Retry is { } retry)
        {
            HostJsonWriter.WriteRetryContext(writer, functionName, retry);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
