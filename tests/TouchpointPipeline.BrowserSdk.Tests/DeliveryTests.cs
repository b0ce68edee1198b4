using Microsoft.Playwright;
using TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

namespace TouchpointPipeline.BrowserSdk.Tests;

/// <summary>How the SDK gets events to the collector: batches, beacons on leaving, retries, drops.</summary>
public sealed class DeliveryTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const int TenMinutes = 600_000;
    private readonly List<string> _warnings = [];
    private CollectorStub _collector = null!;
    private IBrowserContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _collector = await CollectorStub.StartAsync();
        _context = await chromium.NewContextAsync();
        _context.Console += (_, message) =>
        {
            if (message.Type == "warning" && message.Text.StartsWith("[touchpoint]", StringComparison.Ordinal))
            {
                lock (_warnings)
                {
                    _warnings.Add(message.Text);
                }
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task FullBatches_AreSentAtOnce_TheRestWaitsForTheIntervalOrFlush()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { BatchSize = 5, FlushInterval = TenMinutes });

        await DemoShopPage.ClickRepeatedlyAsync(shop.AddToCartButton, 11, new Position { X = 4, Y = 4 });
        await _collector.WaitForRequestAsync(r => r.Status == 202 && _collector.Requests.Count(x => x.Status == 202) >= 2, "two batches");
        var full = _collector.Requests;
        await shop.FlushAsync();
        var last = await _collector.WaitForRequestAsync(r => r.Events.Count == 2, "the last two events after flush()");

        Assert.Equal(2, full.Count);
        Assert.All(full, r => Assert.Equal(5, r.Events.Count));
        Assert.All(full.Append(last), r => Assert.Equal(CollectorStub.WriteKey, r.HeaderWriteKey));
        Assert.All(full.Append(last), r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        var sent = full.Append(last).SelectMany(r => r.Events).ToList();
        Assert.Equal(12, sent.Select(e => e.Str("id")).Distinct().Count());
        Assert.Equal("page.viewed", sent[0].Str("type"));
        Assert.Equal(sent.Select(e => e.Str("time")).Order(StringComparer.Ordinal), sent.Select(e => e.Str("time")));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task LeavingThePage_SendsTheQueueWithSendBeacon_AsTextPlainWithTheKeyInTheQuery()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { BatchSize = 50, FlushInterval = TenMinutes });
        await DemoShopPage.ClickRepeatedlyAsync(shop.AddToCartButton, 3, new Position { X = 4, Y = 4 });

        await shop.Page.GotoAsync("about:blank");
        var beacon = await _collector.WaitForRequestAsync(r => r.IsBeacon, "a beacon");

        Assert.Single(_collector.Requests);
        Assert.Equal(202, beacon.Status);
        Assert.Equal(CollectorStub.WriteKey, beacon.QueryWriteKey);
        Assert.Null(beacon.HeaderWriteKey);
        Assert.Equal(["page.viewed", "element.clicked", "element.clicked", "element.clicked"], beacon.Events.Select(e => e.Str("type")));
        Assert.All(beacon.Events, e => Assert.NotNull(e.Str("sentat")));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task BeaconRefused_QueueIsKept_AndSentByTheNextPage()
    {
        await _context.AddInitScriptAsync("Navigator.prototype.sendBeacon = function () { return false; };");
        var options = new DemoShopOptions { BatchSize = 50, FlushInterval = TenMinutes };
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, options);
        await DemoShopPage.ClickRepeatedlyAsync(shop.AddToCartButton, 2, new Position { X = 4, Y = 4 });

        await shop.GotoAsync(_collector.BaseUrl, options);
        var clicks = await _collector.WaitForEventsAsync("element.clicked", 2);
        var views = await _collector.WaitForEventsAsync("page.viewed", 2);

        Assert.All(_collector.Requests, r => Assert.False(r.IsBeacon));
        Assert.Single(views.Concat(clicks).Select(e => e.Str("anonymousid")).Distinct());
        Assert.Empty(await shop.Page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k === 'tp_q')"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Fact]
    public async Task CrossOriginCollector_AfterThePreflight_ReceivesTheEvents_ByFetchAndByBeacon()
    {
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new() { Endpoint = _collector.CrossOriginEventsUrl, FlushInterval = TenMinutes });
        await shop.AddToCartButton.ClickAsync();
        await shop.FlushAsync();
        var fetched = await _collector.WaitForRequestAsync(r => !r.IsBeacon, "a cross-origin fetch");
        await shop.Page.EvaluateAsync("() => { window.touchpoint.track('checkout.step', { step: 'cart' }); }");

        await shop.Page.GotoAsync("about:blank");
        var beacon = await _collector.WaitForRequestAsync(r => r.IsBeacon, "a cross-origin beacon");

        Assert.True(_collector.Preflights >= 1, "the write-key header needs a CORS preflight");
        Assert.Equal(["page.viewed", "element.clicked"], fetched.Events.Select(e => e.Str("type")));
        Assert.Equal(CollectorStub.WriteKey, fetched.HeaderWriteKey);
        Assert.Equal("checkout.step", Assert.Single(beacon.Events).Str("type"));
        Assert.All(_collector.Requests, r => Assert.Equal(202, r.Status));
        _collector.AssertEveryEnvelopeValid();
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task RetryableStatus_RetriesAfterRetryAfter_WithTheSameIds_DeliveredOnce(int status)
    {
        _collector.RespondNext(status, TimeSpan.FromSeconds(1));

        await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        var view = (await _collector.WaitForEventsAsync("page.viewed"))[0];

        var requests = _collector.Requests;
        Assert.Equal([status, 202], requests.Take(2).Select(r => r.Status));
        Assert.Equal(requests[0].EventIds, requests[1].EventIds);
        Assert.Single(_collector.Accepted, e => e.Str("id") == view.Str("id"));
        var firstSent = DateTimeOffset.Parse(requests[0].Events[0].Str("sentat")!, System.Globalization.CultureInfo.InvariantCulture);
        var retrySent = DateTimeOffset.Parse(requests[1].Events[0].Str("sentat")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(retrySent - firstSent >= TimeSpan.FromSeconds(1), $"retried {retrySent - firstSent} after the first attempt; Retry-After said 1 s");
        Assert.Equal(requests[0].Events[0].Str("time"), requests[1].Events[0].Str("time"));
        _collector.AssertEveryEnvelopeValid();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task FinalStatus_DropsTheBatch_WarnsOnce_AndGoesOn(int status)
    {
        _collector.RespondNext(status);
        _collector.RespondNext(status);
        var shop = await DemoShopPage.OpenAsync(_context, _collector.BaseUrl, new());
        await _collector.WaitForRequestAsync(r => r.Status == status, $"the page view answered {status}");

        await shop.AddToCartButton.ClickAsync();
        await _collector.WaitForRequestAsync(r => r.Status == status && _collector.Requests.Count >= 2, $"the first click answered {status}");
        await shop.AddToCartButton.ClickAsync();
        var delivered = await _collector.WaitForRequestAsync(r => r.Status == 202, "the second click");

        Assert.Equal(3, _collector.Requests.Count);
        Assert.Equal(["element.clicked"], delivered.Events.Select(e => e.Str("type")));
        Assert.Single(_collector.Requests[1].Events);
        lock (_warnings)
        {
            Assert.Equal(1, _warnings.Count(w => w.Contains($"collector answered {status}", StringComparison.Ordinal)));
        }

        _collector.AssertEveryEnvelopeValid();
    }
}
