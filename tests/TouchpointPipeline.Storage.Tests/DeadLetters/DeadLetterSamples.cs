using System.Text;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

internal static class DeadLetterSamples
{
    public static readonly DateTimeOffset BatchTime = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static QuarantineBatch Batch(string batchId = "clickstream-p3-s100-104") => new(
        batchId,
        "IngestClickstream",
        "clickstream",
        BatchTime,
        [
            new QuarantinedEvent(
                QuarantineReason.Invalid,
                [new ValidationError("data.selector", "required", "data.selector is required."), new ValidationError("channel", "enum", "channel must be one of web, app.")],
                Encoding.UTF8.GetBytes("{\"id\":\"e-1\",\"text\":\"café ✓\"}"),
                new SourcePosition("clickstream", "3", "4294967296", 100, BatchTime, "cust-1"),
                "e-1"),
            new QuarantinedEvent(
                QuarantineReason.Malformed,
                [new ValidationError("$", "json", "The body is not valid JSON.")],
                new byte[] { 0xff, 0xfe, 0x00, 0x41 },
                new SourcePosition("clickstream", "3", null, 101, null, null),
                null),
        ]);

    public static ParkedBatch Parked(string payload, string batchId = "clickstream-p3-s100-104") =>
        new(batchId, "IngestClickstream", BatchTime.AddMinutes(5), 6, "System.Net.Http.HttpRequestException", "store unreachable", Encoding.UTF8.GetBytes(payload));
}
