using System.Text;
using System.Text.Json;
using TouchpointPipeline.Core.DeadLetters;

namespace TouchpointPipeline.Storage.Tests.DeadLetters;

/// <summary>
/// What every quarantine/parked store must do, run against Azure Blob Storage (Azurite) and the local folder: JSON
/// Lines with every field, write-once per batch id, parked payloads kept byte-for-byte.
/// </summary>
public abstract class DeadLetterStoreContractTests
{
    protected abstract IQuarantineStore Quarantine { get; }

    protected abstract IParkedBatchStore ParkedBatches { get; }

    /// <summary>Every stored object as (name, content), names relative to the container or folder.</summary>
    protected abstract Task<IReadOnlyList<(string Name, byte[] Content)>> ReadQuarantineAsync();

    protected abstract Task<IReadOnlyList<(string Name, byte[] Content)>> ReadParkedAsync();

    [Fact]
    public async Task WriteAsync_Batch_OneJsonLinePerEventWithEveryField()
    {
        await Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken);

        var (name, content) = Assert.Single(await ReadQuarantineAsync());
        Assert.Equal("clickstream/2026/11/20/clickstream-p3-s100-104.jsonl", name);
        var lines = Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        var first = lines[0];
        Assert.Equal("invalid", first.GetProperty("reason").GetString());
        Assert.Equal(["data.selector", "channel"], first.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Equal("required", first.GetProperty("errors")[0].GetProperty("rule").GetString());
        Assert.Equal("e-1", first.GetProperty("eventId").GetString());
        Assert.Equal("IngestClickstream", first.GetProperty("functionName").GetString());
        Assert.Equal("clickstream-p3-s100-104", first.GetProperty("batchId").GetString());
        Assert.Equal("3", first.GetProperty("partitionId").GetString());
        Assert.Equal("4294967296", first.GetProperty("offset").GetString());
        Assert.Equal(100, first.GetProperty("sequenceNumber").GetInt64());
        Assert.Equal(DeadLetterSamples.BatchTime, first.GetProperty("enqueuedTime").GetDateTimeOffset());
        Assert.Equal("cust-1", first.GetProperty("partitionKey").GetString());
        Assert.Equal("{\"id\":\"e-1\",\"text\":\"café ✓\"}", first.GetProperty("body").GetString());
    }

    [Fact]
    public async Task WriteAsync_NonUtf8Body_KeptAsBase64()
    {
        await Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken);

        var content = Assert.Single(await ReadQuarantineAsync()).Content;
        var second = JsonDocument.Parse(Encoding.UTF8.GetString(content).Split('\n')[1]).RootElement;
        Assert.False(second.TryGetProperty("body", out _));
        Assert.Equal(new byte[] { 0xff, 0xfe, 0x00, 0x41 }, second.GetProperty("bodyBase64").GetBytesFromBase64());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("eventId").ValueKind);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("enqueuedTime").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_SameBatchIdTwice_OneObjectUnchanged()
    {
        await Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken);
        var before = Assert.Single(await ReadQuarantineAsync()).Content;

        var changed = DeadLetterSamples.Batch() with { Events = [DeadLetterSamples.Batch().Events[1]] };
        await Quarantine.WriteAsync(changed, TestContext.Current.CancellationToken);
        await Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken);

        Assert.Equal(before, Assert.Single(await ReadQuarantineAsync()).Content);
    }

    [Fact]
    public async Task WriteAsync_TwoBatches_TwoObjects()
    {
        await Quarantine.WriteAsync(DeadLetterSamples.Batch("b-1"), TestContext.Current.CancellationToken);
        await Quarantine.WriteAsync(DeadLetterSamples.Batch("b-2"), TestContext.Current.CancellationToken);

        Assert.Equal(2, (await ReadQuarantineAsync()).Count);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentRedeliveries_OneObject()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Quarantine.WriteAsync(DeadLetterSamples.Batch(), TestContext.Current.CancellationToken)));

        Assert.Single(await ReadQuarantineAsync());
    }

    [Fact]
    public async Task ParkAsync_JsonPayload_EmbeddedAsJsonByteForByte()
    {
        const string payload = """{"Data":{"events":"[\"{\\\"id\\\":\\\"é\\\"}\"]"},"Metadata":{"RetryContext":{"RetryCount":5,"MaxRetryCount":5}}}""";

        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked(payload), TestContext.Current.CancellationToken);

        var (name, content) = Assert.Single(await ReadParkedAsync());
        Assert.Equal("IngestClickstream/clickstream-p3-s100-104.json", name);
        var record = JsonDocument.Parse(content).RootElement;
        Assert.Equal(payload, record.GetProperty("payload").GetRawText());
        Assert.Equal(6, record.GetProperty("attempts").GetInt32());
        Assert.Equal("store unreachable", record.GetProperty("failureMessage").GetString());
        Assert.Equal("System.Net.Http.HttpRequestException", record.GetProperty("failureType").GetString());
    }

    [Fact]
    public async Task ParkAsync_NonJsonPayload_KeptAsString()
    {
        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked("<html>not a batch"), TestContext.Current.CancellationToken);

        var record = JsonDocument.Parse(Assert.Single(await ReadParkedAsync()).Content).RootElement;
        Assert.Equal("<html>not a batch", record.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task ParkAsync_SameBatchTwice_OneObject()
    {
        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked("{}"), TestContext.Current.CancellationToken);
        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked("{}") with { ParkedAt = DeadLetterSamples.BatchTime.AddDays(1), Attempts = 12 }, TestContext.Current.CancellationToken);

        var record = JsonDocument.Parse(Assert.Single(await ReadParkedAsync()).Content).RootElement;
        Assert.Equal(6, record.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task WriteAsync_250CharacterHubName_StoredUnderShortenedDistinctNames()
    {
        var hub = new string('h', 249) + "1";
        var otherHub = new string('h', 249) + "2";
        var batch = DeadLetterSamples.Batch($"{hub}-p3-s100-104") with { Hub = hub };
        var other = DeadLetterSamples.Batch($"{otherHub}-p3-s100-104") with { Hub = otherHub };

        await Quarantine.WriteAsync(batch, TestContext.Current.CancellationToken);
        await Quarantine.WriteAsync(other, TestContext.Current.CancellationToken);
        await Quarantine.WriteAsync(batch, TestContext.Current.CancellationToken);

        var stored = await ReadQuarantineAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, s => Assert.All(s.Name.Split('/'), segment => Assert.InRange(segment.Length, 1, 200)));
        Assert.All(stored, s => Assert.Equal(2, Encoding.UTF8.GetString(s.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
    }

    [Fact]
    public async Task ParkAsync_BatchIdFrom250CharacterHubName_StoredUnderShortenedName()
    {
        var batchId = new string('h', 250) + "-p3-s100-104";

        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked("{}", batchId), TestContext.Current.CancellationToken);
        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked("{}", batchId), TestContext.Current.CancellationToken);

        var (name, content) = Assert.Single(await ReadParkedAsync());
        Assert.All(name.Split('/'), segment => Assert.InRange(segment.Length, 1, 200));
        Assert.Equal(batchId, JsonDocument.Parse(content).RootElement.GetProperty("batchId").GetString());
    }

    [Fact]
    public async Task ListReadDelete_TwoParkedBatches_ReadBackByteForByteThenGone()
    {
        var ct = TestContext.Current.CancellationToken;
        const string payload = """{"Data":{"events":"[\"{\\\"id\\\":\\\"é\\\"}\"]"},"Metadata":{"RetryContext":{"RetryCount":5,"MaxRetryCount":5}}}""";
        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked(payload), ct);
        await ParkedBatches.ParkAsync(DeadLetterSamples.Parked("<html>not a batch", batchId: "clickstream-p4-s1-2"), ct);

        var names = await ParkedBatches.ListAsync(ct);
        var read = await ParkedBatches.ReadAsync(names[0], ct);
        var notJson = await ParkedBatches.ReadAsync(names[1], ct);
        await ParkedBatches.DeleteAsync(names[0], ct);
        await ParkedBatches.DeleteAsync(names[0], ct);
        var after = await ParkedBatches.ListAsync(ct);

        Assert.Equal(["IngestClickstream/clickstream-p3-s100-104", "IngestClickstream/clickstream-p4-s1-2"], names);
        Assert.NotNull(read);
        Assert.Equal(payload, Encoding.UTF8.GetString(read.Payload.Span));
        Assert.Equal("clickstream-p3-s100-104", read.BatchId);
        Assert.Equal("IngestClickstream", read.FunctionName);
        Assert.Equal(DeadLetterSamples.Parked(payload).ParkedAt, read.ParkedAt);
        Assert.Equal("<html>not a batch", Encoding.UTF8.GetString(notJson!.Payload.Span));
        Assert.Equal(["IngestClickstream/clickstream-p4-s1-2"], after);
        Assert.Null(await ParkedBatches.ReadAsync(names[0], ct));
        Assert.Null(await ParkedBatches.ReadAsync("../../etc/passwd", ct));
    }

    [Fact]
    public async Task ListReadReplace_QuarantineRecord_ReadBackThenRewrittenThenRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        var batch = DeadLetterSamples.Batch();
        await Quarantine.WriteAsync(batch, ct);

        var names = await Quarantine.ListAsync(ct);
        var read = await Quarantine.ReadAsync(names[0], ct);
        await Quarantine.ReplaceAsync(names[0], batch with { Events = [batch.Events[1] with { Reason = QuarantineReason.Invalid }] }, ct);
        var rewritten = await Quarantine.ReadAsync(names[0], ct);
        await Quarantine.ReplaceAsync(names[0], batch with { Events = [] }, ct);
        await Quarantine.ReplaceAsync(names[0], batch with { Events = [] }, ct);

        Assert.Equal(["clickstream/2026/11/20/clickstream-p3-s100-104"], names);
        Assert.NotNull(read);
        Assert.Equal(("clickstream-p3-s100-104", "IngestClickstream", "clickstream", DeadLetterSamples.BatchTime), (read.BatchId, read.FunctionName, read.Hub, read.BatchTime));
        Assert.Equal(2, read.Events.Count);
        Assert.Equal(batch.Events[0].Body.ToArray(), read.Events[0].Body.ToArray());
        Assert.Equal(batch.Events[1].Body.ToArray(), read.Events[1].Body.ToArray());
        Assert.Equal(batch.Events[0].Position, read.Events[0].Position);
        Assert.Equal(batch.Events[0].Errors, read.Events[0].Errors);
        Assert.Equal(["e-1", null], read.Events.Select(e => e.EventId));
        Assert.Equal(QuarantineReason.Invalid, Assert.Single(rewritten!.Events).Reason);
        Assert.Empty(await Quarantine.ListAsync(ct));
        Assert.Empty(await ReadQuarantineAsync());
        Assert.Null(await Quarantine.ReadAsync(names[0], ct));
        Assert.Null(await Quarantine.ReadAsync("../../../../etc/passwd", ct));
    }
}
