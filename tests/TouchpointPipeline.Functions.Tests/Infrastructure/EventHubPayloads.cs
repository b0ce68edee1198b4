extern alias DevHost;

using System.Buffers;
using System.Text;
using System.Text.Json;
using DevHost::TouchpointPipeline.DevHost.EventHubs;
using DevHost::TouchpointPipeline.DevHost.EventLog;
using DevHost::TouchpointPipeline.DevHost.FunctionApp;
using DevHost::TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// Builds invocation bodies exactly as the Functions host sends them for an eventHubTrigger with cardinality many and
/// dataType string (docs/host-protocol.md §4.2, §4.4): Data.events and every Metadata *Array are JSON strings holding JSON.
/// The envelope is written by the dev host's own <see cref="EventHubPayloadWriter"/> (one builder for the dev host,
/// these tests and the benchmarks); this type only supplies the test defaults.
/// </summary>
internal static class EventHubPayloads
{
    public static readonly DateTime DefaultEnqueued = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    private static readonly DateTimeOffset UtcNow = new DateTimeOffset(2026, 11, 20, 10, 0, 1, TimeSpan.Zero).AddTicks(5_123_456);
    private static readonly Guid RandGuid = Guid.Parse("7f1c0f0e-5a0c-4d39-9d7e-8a5f0c6b2e11");

    public static string EventHubBatch(
        IReadOnlyList<string> bodies,
        string hub = "clickstream",
        string partitionId = "3",
        long firstSequenceNumber = 1000,
        DateTime? firstEnqueued = null,
        IReadOnlyList<string?>? partitionKeys = null,
        (int RetryCount, int MaxRetryCount)? retry = null,
        string functionName = "IngestClickstream")
    {
        var enqueued = new DateTimeOffset(DateTime.SpecifyKind(firstEnqueued ?? DefaultEnqueued, DateTimeKind.Utc));
        var events = bodies.Select((body, i) => new LogMessage(
            firstSequenceNumber + i, 4294967296L + (256L * i), enqueued.AddMilliseconds(i), partitionKeys?[i], body, Properties: null)).ToList();
        var binding = new EventHubTriggerBinding(new FunctionDefinition(functionName, [], Retry: null), "events", hub, "pipeline", EventDataType.String);
        var attempt = new InvocationAttempt(Guid.NewGuid(), UtcNow, RandGuid, retry is { } r
            ? new RetryState(r.RetryCount, r.MaxRetryCount, r.RetryCount == 0 ? null : new FailureInfo("System.Exception", "earlier attempt failed", null))
            : null);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, HostJsonWriter.Options))
        {
            EventHubPayloadWriter.Write(writer, binding, "tp-test.servicebus.windows.net", partitionId, events, attempt);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
