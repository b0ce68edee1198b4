using System.Text;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Storage.Tests.Timelines;

/// <summary>
/// The <see cref="ITimelineStore"/> contract, run against every adapter. Each test uses its own customer keys, so the
/// tests of one class can share a store.
/// </summary>
public abstract class TimelineStoreContractTests
{
    /// <summary>The store under test; an adapter whose backend is not configured skips the test here.</summary>
    protected abstract ITimelineStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_NewItems_ReturnsCreated()
    {
        var store = Store;
        var items = TimelineItems.Series(TimelineItems.NewCustomerKey(), 3);

        var result = await store.AppendAsync(items, Ct);

        Assert.Equal([AppendOutcome.Created, AppendOutcome.Created, AppendOutcome.Created], result.Outcomes);
        Assert.Equal(3, result.Created);
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_ReturnsNoOutcomes()
    {
        var store = Store;

        var result = await store.AppendAsync([], Ct);

        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public async Task AppendAsync_SameItemsAgain_ReturnsDuplicateAndKeepsStoredItems()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        var items = TimelineItems.Series(customerKey, 3);
        await store.AppendAsync(items, Ct);

        var again = await store.AppendAsync(items, Ct);

        Assert.All(again.Outcomes, o => Assert.Equal(AppendOutcome.Duplicate, o));
        var page = await store.GetPageAsync(customerKey, new TimelineQuery(10, null), Ct);
        Assert.Equal(3, page.Items.Count);
    }

    [Fact]
    public async Task AppendAsync_ChangedPayloadWithSameId_KeepsTheFirstItem()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        var original = TimelineItems.Create(customerKey, "e1", data: """{"v":1}""");
        await store.AppendAsync([original], Ct);
        var changed = original with
        {
            Type = EventTypes.ElementClicked,
            Time = original.Time.AddHours(1),
            Data = Encoding.UTF8.GetBytes("""{"v":2}"""),
        };

        var result = await store.AppendAsync([changed], Ct);

        Assert.Equal([AppendOutcome.Duplicate], result.Outcomes);
        var page = await store.GetPageAsync(customerKey, new TimelineQuery(10, null), Ct);
        TimelineItems.AssertSame(original, Assert.Single(page.Items));
    }

    [Fact]
    public async Task AppendAsync_DuplicateIdsInOneCall_FirstCreatedRestDuplicate()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        var first = TimelineItems.Create(customerKey, "e1", data: """{"copy":1}""");
        var other = TimelineItems.Create(customerKey, "e2");

        var result = await store.AppendAsync(
            [first, first with { Data = Encoding.UTF8.GetBytes("""{"copy":2}""") }, other, first], Ct);

        Assert.Equal(
            [AppendOutcome.Created, AppendOutcome.Duplicate, AppendOutcome.Created, AppendOutcome.Duplicate],
            result.Outcomes);
        var page = await store.GetPageAsync(customerKey, new TimelineQuery(10, null), Ct);
        Assert.Equal(2, page.Items.Count);
        TimelineItems.AssertSame(first, Assert.Single(page.Items, i => i.Id == "e1"));
    }

    [Fact]
    public async Task AppendAsync_MixOfNewAndStoredItems_ReturnsOutcomesInInputOrder()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        var items = TimelineItems.Series(customerKey, 6);
        await store.AppendAsync([items[1], items[4]], Ct);

        var result = await store.AppendAsync(items, Ct);

        Assert.Equal(
            [
                AppendOutcome.Created, AppendOutcome.Duplicate, AppendOutcome.Created,
                AppendOutcome.Created, AppendOutcome.Duplicate, AppendOutcome.Created,
            ],
            result.Outcomes);
    }

    [Fact]
    public async Task AppendAsync_SameIdUnderTwoCustomerKeys_CreatesBoth()
    {
        var store = Store;
        var a = TimelineItems.Create(TimelineItems.NewCustomerKey(), "shared-id");
        var b = TimelineItems.Create(TimelineItems.NewCustomerKey(), "shared-id");

        var result = await store.AppendAsync([a, b], Ct);

        Assert.Equal([AppendOutcome.Created, AppendOutcome.Created], result.Outcomes);
        TimelineItems.AssertSame(a, Assert.Single((await store.GetPageAsync(a.CustomerKey, new(10, null), Ct)).Items));
        TimelineItems.AssertSame(b, Assert.Single((await store.GetPageAsync(b.CustomerKey, new(10, null), Ct)).Items));
    }

    [Fact]
    public async Task GetPageAsync_WalkingPagesWithNextSortKey_ReturnsEveryItemOnceNewestFirst()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        var tiedTime = TimelineItems.BaseTime.AddMinutes(5);
        TimelineItem[] items =
        [
            .. TimelineItems.Series(customerKey, 10),
            .. new[] { "t-b", "t-a", "t-c", "t-e", "t-d" }.Select(id => TimelineItems.Create(customerKey, id, tiedTime)),
        ];
        await store.AppendAsync(items, Ct);

        var walked = new List<TimelineItem>();
        string? before = null;
        var pages = 0;
        do
        {
            var page = await store.GetPageAsync(customerKey, new TimelineQuery(4, before), Ct);
            Assert.InRange(page.Items.Count, 1, 4);
            walked.AddRange(page.Items);
            before = page.NextSortKey;
            pages++;
        }
        while (before is not null && pages < 10);

        Assert.Equal(4, pages);
        var expected = items.OrderByDescending(i => i.SortKey, StringComparer.Ordinal).Select(i => i.Id).ToArray();
        Assert.Equal(expected, walked.Select(i => i.Id));
        var ties = walked.Where(i => i.Time == tiedTime && i.Id.StartsWith("t-", StringComparison.Ordinal));
        Assert.Equal(["t-e", "t-d", "t-c", "t-b", "t-a"], ties.Select(i => i.Id));
    }

    [Fact]
    public async Task AppendAsync_LateEventAppendedLater_LandsAtItsTime()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        await store.AppendAsync(TimelineItems.Series(customerKey, 5), Ct);
        var late = TimelineItems.Create(customerKey, "late", TimelineItems.BaseTime.AddMinutes(2).AddSeconds(30));

        await store.AppendAsync([late], Ct);

        var page = await store.GetPageAsync(customerKey, new TimelineQuery(10, null), Ct);
        Assert.Equal(["e004", "e003", "late", "e002", "e001", "e000"], page.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task GetPageAsync_SeveralCustomers_ReturnsOnlyTheAskedCustomersItems()
    {
        var store = Store;
        var alice = TimelineItems.NewCustomerKey();
        var bob = TimelineItems.NewCustomerKey();
        await store.AppendAsync([.. TimelineItems.Series(alice, 3), .. TimelineItems.Series(bob, 4)], Ct);

        var page = await store.GetPageAsync(alice, new TimelineQuery(10, null), Ct);

        Assert.Equal(3, page.Items.Count);
        Assert.All(page.Items, i => Assert.Equal(alice, i.CustomerKey));
        Assert.Null(page.NextSortKey);
    }

    [Fact]
    public async Task GetPageAsync_MoreItemsThanLimit_ReturnsLimitAndNextSortKeyOfLastItem()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        await store.AppendAsync(TimelineItems.Series(customerKey, 7), Ct);

        var page = await store.GetPageAsync(customerKey, new TimelineQuery(3, null), Ct);

        Assert.Equal(["e006", "e005", "e004"], page.Items.Select(i => i.Id));
        Assert.Equal(page.Items[^1].SortKey, page.NextSortKey);
    }

    [Fact]
    public async Task GetPageAsync_ExactlyLimitItems_ReturnsNullNext()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        await store.AppendAsync(TimelineItems.Series(customerKey, 3), Ct);

        var page = await store.GetPageAsync(customerKey, new TimelineQuery(3, null), Ct);

        Assert.Equal(3, page.Items.Count);
        Assert.Null(page.NextSortKey);
    }

    [Fact]
    public async Task GetPageAsync_BeforeATime_ReturnsOnlyOlderItems()
    {
        var store = Store;
        var customerKey = TimelineItems.NewCustomerKey();
        await store.AppendAsync(TimelineItems.Series(customerKey, 5), Ct);

        var page = await store.GetPageAsync(
            customerKey, new TimelineQuery(10, TimelineSortKey.Before(TimelineItems.BaseTime.AddMinutes(2))), Ct);

        Assert.Equal(["e001", "e000"], page.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task GetPageAsync_UnknownCustomer_ReturnsEmptyPageAndNullNext()
    {
        var store = Store;

        var page = await store.GetPageAsync(TimelineItems.NewCustomerKey(), new TimelineQuery(10, null), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.NextSortKey);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"text":"Grüße, 東京 🚀 \"quoted\" \\ back","emoji":"👩‍💻"}""")]
    [InlineData("""{"n":42,"neg":-7,"frac":0.125,"t":true,"f":false,"z":null}""")]
    [InlineData("""{"a":{"b":{"c":[1,{"d":"e"},[]]}},"list":[{"k":"v"},{"k":"w"}]}""")]
    public async Task AppendAsync_Data_RoundTripsByteForByte(string json)
    {
        var store = Store;
        var item = TimelineItems.Create(TimelineItems.NewCustomerKey(), "e1", data: json);

        await store.AppendAsync([item], Ct);

        var stored = Assert.Single((await store.GetPageAsync(item.CustomerKey, new(10, null), Ct)).Items);
        Assert.Equal(json, Encoding.UTF8.GetString(stored.Data.Span));
        Assert.Equal(item.Data.ToArray(), stored.Data.ToArray());
    }

    [Fact]
    public async Task AppendAsync_AllFields_RoundTrip()
    {
        var store = Store;
        var customerKey = $"anon:{Guid.NewGuid():N}";
        var full = new TimelineItem
        {
            CustomerKey = customerKey,
            Id = "call-1",
            Type = EventTypes.CallEnded,
            Channel = Channel.Call,
            Source = "/contact-centre/genesys",
            Time = new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567),
            ReceivedAt = new DateTimeOffset(2026, 10, 31, 22, 0, 1, TimeSpan.Zero).AddTicks(7),
            DeviceTime = new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.FromHours(-2)).AddTicks(3),
            Enrichment = Encoding.UTF8.GetBytes("""{"device":{"type":"mobile","os":"iOS"},"sentiment":{"score":-0.62,"label":"negative"}}"""),
            CustomerId = null,
            AnonymousId = customerKey["anon:".Length..],
            SessionId = null,
            Data = Encoding.UTF8.GetBytes("""{"durationSeconds":310,"abandoned":false}"""),
            Position = new SourcePosition(
                "calls", "0", "123456789", 9_876_543_210L, new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero), null),
        };
        var noPosition = TimelineItems.Create(customerKey, "chat-1") with
        {
            Channel = Channel.Chat,
            Type = EventTypes.ChatMessage,
            Position = null,
        };
        var partialPosition = TimelineItems.Create(customerKey, "app-1") with
        {
            Channel = Channel.App,
            Position = new SourcePosition("clickstream", null, null, null, null, null),
        };

        await store.AppendAsync([full, noPosition, partialPosition], Ct);

        var stored = (await store.GetPageAsync(customerKey, new(10, null), Ct)).Items.ToDictionary(i => i.Id);
        TimelineItems.AssertSame(full, stored["call-1"]);
        TimelineItems.AssertSame(noPosition, stored["chat-1"]);
        TimelineItems.AssertSame(partialPosition, stored["app-1"]);
        Assert.Equal(full.Time.UtcTicks, stored["call-1"].Time.UtcTicks);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentOverlappingBatches_StoresEachItemOnce()
    {
        var store = Store;
        string[] customers = [TimelineItems.NewCustomerKey(), TimelineItems.NewCustomerKey(), TimelineItems.NewCustomerKey()];
        var all = customers.SelectMany(c => TimelineItems.Series(c, 30)).ToArray();
        var batches = Enumerable.Range(0, 8)
            .Select(b => all.Where((_, i) => (i + b) % 3 != 0).Skip(b * 5).Take(50).ToArray())
            .ToArray();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => store.AppendAsync(batch, Ct), Ct)));

        var distinct = batches.SelectMany(b => b).Select(i => (i.CustomerKey, i.Id)).Distinct().ToArray();
        Assert.Equal(distinct.Length, results.Sum(r => r.Created));
        Assert.Equal(batches.Sum(b => b.Length) - distinct.Length, results.Sum(r => r.Duplicates));
        var stored = new List<TimelineItem>();
        foreach (var customer in customers)
        {
            stored.AddRange((await store.GetPageAsync(customer, new TimelineQuery(100, null), Ct)).Items);
        }

        Assert.Equal(
            distinct.Order().ToArray(),
            stored.Select(i => (i.CustomerKey, i.Id)).Order().ToArray());
    }

    [Fact]
    public async Task GetLatestAsync_SeveralCustomers_ReturnsEachNewestItemBeforeTheKeyOnTheChannels()
    {
        var store = Store;
        var web = new HashSet<Channel> { Channel.Web, Channel.App };
        var a = TimelineItems.NewCustomerKey();
        var b = TimelineItems.NewCustomerKey();
        var none = TimelineItems.NewCustomerKey();
        var aItems = TimelineItems.Series(a, 4);
        var bWeb = TimelineItems.Create(b, "w1", TimelineItems.BaseTime);
        var bCall = TimelineItems.Create(b, "c1", TimelineItems.BaseTime.AddMinutes(1)) with { Channel = Channel.Call, Type = "call.queued" };
        await store.AppendAsync([.. aItems, bWeb, bCall], Ct);

        var latest = await store.GetLatestAsync(
            [
                new LatestItemQuery(a, aItems[3].SortKey, web, 10),
                new LatestItemQuery(b, TimelineSortKey.For(TimelineItems.BaseTime.AddHours(1), "z"), web, 10),
                new LatestItemQuery(none, TimelineSortKey.For(TimelineItems.BaseTime.AddHours(1), "z"), web, 10),
            ],
            Ct);

        Assert.Equal(2, latest.Count);
        TimelineItems.AssertSame(aItems[2], latest[a]);
        TimelineItems.AssertSame(bWeb, latest[b]);
    }

    [Fact]
    public async Task GetLatestAsync_NothingBeforeTheKeyOrOnTheChannels_IsAbsent()
    {
        var store = Store;
        var key = TimelineItems.NewCustomerKey();
        var items = TimelineItems.Series(key, 2);
        await store.AppendAsync(items, Ct);

        var beforeFirst = await store.GetLatestAsync([new LatestItemQuery(key, items[0].SortKey, new HashSet<Channel> { Channel.Web }, 10)], Ct);
        var otherChannel = await store.GetLatestAsync([new LatestItemQuery(key, TimelineSortKey.For(TimelineItems.BaseTime.AddHours(1), "z"), new HashSet<Channel> { Channel.Chat }, 10)], Ct);
        var noQueries = await store.GetLatestAsync([], Ct);

        Assert.Empty(beforeFirst);
        Assert.Empty(otherChannel);
        Assert.Empty(noQueries);
    }
}
