using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Sdk.Tests.Infrastructure;

namespace TouchpointPipeline.Sdk.Tests;

public sealed class TouchpointClientTests
{
    private static readonly Uri Endpoint = new("https://collector.example/");

    private static TouchpointClientOptions Options(FakeCollector collector, Action<TouchpointClientOptions>? configure = null)
    {
        var options = new TouchpointClientOptions { Transport = collector, FlushInterval = TimeSpan.FromHours(1) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        configure?.Invoke(options);
        return options;
    }

    private static TouchpointEventBuilder Click(int i) => TouchpointEvents.ElementClicked("#buy", i, 2, "https://shop.example/p").ForCustomer($"cust-{i % 3}");

    [Fact]
    public async Task FlushAsync_250Events_SendsBatchesOfMaxBatchSizeWithUuidV7IdsAndTheWriteKey()
    {
        var collector = new FakeCollector();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector));
        var tracked = new List<TouchpointEvent>();

        for (var i = 0; i < 250; i++)
        {
            tracked.Add((await client.TrackAsync(Click(i), TestContext.Current.CancellationToken))!);
        }

        await client.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([100, 100, 50], collector.Requests.Select(r => r.GetProperty("events").GetArrayLength()));
        Assert.Equal(tracked.Select(e => e.Id), collector.SentIds);
        Assert.All(tracked, e => Assert.Equal(7, Guid.Parse(e.Id).Version));
        Assert.All(collector.WriteKeys, k => Assert.Equal("key-0123456789abcdef", k));
        Assert.All(collector.Requests, r => Assert.Equal("web/shop", r.GetProperty("events")[0].GetProperty("source").GetString()));
        Assert.All(collector.Requests, r => Assert.True(r.TryGetProperty("sentAt", out _)));
    }

    [Fact]
    public async Task Send_503Then202_RetriesWithTheSameIdsAndDropsNothing()
    {
        var collector = new FakeCollector();
        collector.Then(HttpStatusCode.ServiceUnavailable);
        collector.Then(HttpStatusCode.InternalServerError);
        var dropped = new ConcurrentQueue<EventsDroppedEventArgs>();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector));
        client.EventsDropped += (_, e) => dropped.Enqueue(e);

        for (var i = 0; i < 5; i++)
        {
            await client.TrackAsync(Click(i), TestContext.Current.CancellationToken);
        }

        await client.FlushAsync(TestContext.Current.CancellationToken);

        var attempts = collector.Requests.Select(r => string.Join(",", r.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()))).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Distinct());
        Assert.Empty(dropped);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public async Task Send_NonRetryableStatus_OneAttemptAndSendFailedWithTheServersReason(HttpStatusCode status)
    {
        var collector = new FakeCollector();
        collector.Then(status);
        var dropped = new ConcurrentQueue<EventsDroppedEventArgs>();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector));
        client.EventsDropped += (_, e) => dropped.Enqueue(e);

        await client.TrackAsync(Click(1), TestContext.Current.CancellationToken);
        await client.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Single(collector.Requests);
        var args = Assert.Single(dropped);
        Assert.Equal(DropCause.SendFailed, args.Cause);
        Assert.Equal((int)status, args.Status);
        Assert.Equal($"scripted {(int)status}", Assert.Single(args.Events).Message);
    }

    [Fact]
    public async Task Send_RetriesExhausted_SendFailedForEveryEventOfTheBatch()
    {
        var collector = new FakeCollector();
        for (var i = 0; i < 3; i++)
        {
            collector.Then(HttpStatusCode.BadGateway);
        }

        var dropped = new ConcurrentQueue<EventsDroppedEventArgs>();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector, o => o.Retry.MaxRetries = 2));
        client.EventsDropped += (_, e) => dropped.Enqueue(e);

        await client.TrackAsync(Click(1), TestContext.Current.CancellationToken);
        await client.TrackAsync(Click(2), TestContext.Current.CancellationToken);
        await client.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, collector.Requests.Count);
        var args = Assert.Single(dropped);
        Assert.Equal(DropCause.SendFailed, args.Cause);
        Assert.Equal(502, args.Status);
        Assert.Equal(2, args.Events.Count);
    }

    [Fact]
    public async Task Send_202WithRejections_RaisesRejectedPerEventWithReasonAndField()
    {
        var collector = new FakeCollector();
        var dropped = new ConcurrentQueue<EventsDroppedEventArgs>();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector));
        client.EventsDropped += (_, e) => dropped.Enqueue(e);
        var bad = (await client.TrackAsync(Click(1).With("x", -1), TestContext.Current.CancellationToken))!;
        collector.Then(request => FakeCollector.Results(request, e => e.GetProperty("id").GetString() == bad.Id ? ("invalid", "data.x") : null));
        await client.TrackAsync(Click(2), TestContext.Current.CancellationToken);

        await client.FlushAsync(TestContext.Current.CancellationToken);

        var args = Assert.Single(dropped);
        Assert.Equal(DropCause.Rejected, args.Cause);
        var rejected = Assert.Single(args.Events);
        Assert.Equal((bad.Id, "invalid", "data.x"), (rejected.Event.Id, rejected.Reason, rejected.Field));
    }

    [Fact]
    public async Task Send_429WithRetryAfter_WaitsExactlyThatLong()
    {
        var time = new TimerAwareTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var collector = new FakeCollector();
        collector.Then(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7));
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector, o => o.TimeProvider = time));
        await client.TrackAsync(Click(1), TestContext.Current.CancellationToken);
        var flush = client.FlushAsync(TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => collector.Requests.Count == 1, "the first attempt");
        // Advance only once the sender has scheduled its Retry-After delay: a clock moved before that is never seen.
        await Poll.UntilAsync(() => time.DueTimes.Contains(TimeSpan.FromSeconds(7)), "the Retry-After delay to be scheduled");

        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Yield();
        var beforeRetryAfter = collector.Requests.Count;
        time.Advance(TimeSpan.FromSeconds(0.1));
        await flush;

        Assert.Equal(1, beforeRetryAfter);
        Assert.Equal(2, collector.Requests.Count);
    }

    [Fact]
    public async Task TrackAsync_QueueFullDropNewest_ReturnsFalseAndRaisesQueueFull()
    {
        var collector = new FakeCollector { Gate = new TaskCompletionSource() };
        var dropped = new ConcurrentQueue<EventsDroppedEventArgs>();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector, o => { o.MaxQueueSize = 3; o.MaxBatchSize = 1; }));
        client.EventsDropped += (_, e) => dropped.Enqueue(e);
        await client.TrackAsync(Click(0), TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => collector.Requests.Count == 1, "the first batch in flight");

        var queued = new List<bool>();
        for (var i = 1; i <= 5; i++)
        {
            queued.Add(await client.TrackAsync(Click(i).Build(), TestContext.Current.CancellationToken));
        }

        collector.Gate.SetResult();
        await client.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([true, true, true, false, false], queued);
        Assert.Equal(2, dropped.Count);
        Assert.All(dropped, d => Assert.Equal(DropCause.QueueFull, d.Cause));
        Assert.Equal(4, collector.SentIds.Count());
    }

    [Fact]
    public async Task TrackAsync_QueueFullWait_WaitsForRoomAndLosesNothing()
    {
        var collector = new FakeCollector { Gate = new TaskCompletionSource() };
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector, o => { o.MaxQueueSize = 2; o.MaxBatchSize = 1; o.QueueFullMode = QueueFullMode.Wait; }));
        await client.TrackAsync(Click(0), TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => collector.Requests.Count == 1, "the first batch in flight");
        await client.TrackAsync(Click(1), TestContext.Current.CancellationToken);
        await client.TrackAsync(Click(2), TestContext.Current.CancellationToken);

        var blocked = client.TrackAsync(Click(3), TestContext.Current.CancellationToken).AsTask();
        var waitedForRoom = !blocked.IsCompleted;
        collector.Gate.SetResult();
        await blocked;
        await client.FlushAsync(TestContext.Current.CancellationToken);

        Assert.True(waitedForRoom);
        Assert.Equal(4, collector.SentIds.Distinct().Count());
    }

    [Fact]
    public async Task DisposeAsync_QueuedEvents_AreSentBeforeItCompletes()
    {
        var collector = new FakeCollector();
        var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector));
        for (var i = 0; i < 7; i++)
        {
            await client.TrackAsync(Click(i), TestContext.Current.CancellationToken);
        }

        await client.DisposeAsync();

        Assert.Equal(7, collector.SentIds.Count());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await client.TrackAsync(Click(9), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FlushInterval_PartialBatch_SentWhenTheIntervalPasses()
    {
        var time = new FakeTimeProvider();
        var collector = new FakeCollector();
        await using var client = new TouchpointClient(Endpoint, "key-0123456789abcdef", "web/shop", Options(collector, o => { o.TimeProvider = time; o.FlushInterval = TimeSpan.FromSeconds(2); }));
        await client.TrackAsync(Click(1), TestContext.Current.CancellationToken);

        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return collector.Requests.Count == 1;
        }, "the timed flush");

        Assert.Single(collector.SentIds);
    }

    [Fact]
    public void Options_MaxBatchSizeOver500_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TouchpointClient(Endpoint, "k", "web/shop", new TouchpointClientOptions { MaxBatchSize = 501 }));
    }
}
