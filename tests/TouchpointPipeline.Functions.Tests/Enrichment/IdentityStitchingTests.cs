using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Enrichment;

public sealed class IdentityStitchingTests : IAsyncLifetime
{
    private static readonly DateTime T0 = EventHubPayloads.DefaultEnqueued.AddMinutes(-50);
    private readonly PipelineAppFactory _app = new();
    private readonly List<string> _batches = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task DeliverAsync(params string[] bodies)
    {
        var payload = EventHubPayloads.EventHubBatch(bodies, firstSequenceNumber: 100 * (_batches.Count + 1));
        _batches.Add(payload);
        using var response = await _app.InvokeAsync("IngestClickstream", payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string?>> TimelineIdsAsync(string customerKey) =>
        (await _app.ReadTimelineAsync(customerKey, pageSize: 2)).Select(e => e.GetProperty("id").GetString()).ToList();

    [Fact]
    public async Task GetTimeline_AnonymousClicksThenIdentifiedThenMoreClicks_AllInTimeOrderAndRedeliveryChangesNothing()
    {
        await DeliverAsync(TestEvents.AnonymousClick("a-1", "anon-42", T0), TestEvents.AnonymousClick("a-2", "anon-42", T0.AddMinutes(1)));
        await DeliverAsync(TestEvents.Identified("login-1", "anon-42", "cust-42", T0.AddMinutes(2)));
        await DeliverAsync(
            TestEvents.AnonymousClick("a-3", "anon-42", T0.AddMinutes(3)),
            TestEvents.Build("element.clicked", "k-4", T0.AddMinutes(4), "web", new() { ["selector"] = "#pay", ["x"] = 1, ["y"] = 2, ["url"] = "https://shop.example/pay" }, customerId: "cust-42", anonymousId: "anon-42"));
        var before = await TimelineIdsAsync("cust-42");

        foreach (var batch in _batches.AsEnumerable().Reverse().Concat(_batches))
        {
            using var response = await _app.InvokeAsync("IngestClickstream", batch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["k-4", "a-3", "login-1", "a-2", "a-1"], before);
        Assert.Equal(before, await TimelineIdsAsync("cust-42"));
        // The clicks after the login that carried only the anonymous id were keyed to the customer.
        Assert.DoesNotContain("a-3", await TimelineIdsAsync("anon:anon-42"));
    }

    [Fact]
    public async Task IngestClickstream_SameAnonymousIdIdentifiedAsSecondCustomer_NotMergedAndRecorded()
    {
        await DeliverAsync(TestEvents.AnonymousClick("a-1", "anon-7", T0), TestEvents.Identified("login-1", "anon-7", "cust-a", T0.AddMinutes(1)));

        await DeliverAsync(TestEvents.Identified("login-2", "anon-7", "cust-b", T0.AddMinutes(5)), TestEvents.AnonymousClick("a-2", "anon-7", T0.AddMinutes(6)));

        Assert.Equal(["a-2", "login-1", "a-1"], await TimelineIdsAsync("cust-a"));
        Assert.Equal(["login-2"], await TimelineIdsAsync("cust-b"));
        var identities = _app.Services.GetRequiredService<IIdentityStore>();
        var rejection = Assert.Single(await identities.GetRejectionsAsync("anon-7", TestContext.Current.CancellationToken));
        Assert.Equal(LinkOutcome.Conflict, rejection.Outcome);
        Assert.Equal("cust-a", rejection.ExistingCustomerId);
        Assert.Equal("login-2", rejection.Attempt.EventId);
        var link = Assert.Single(await identities.GetLinksAsync("cust-a", TestContext.Current.CancellationToken));
        Assert.Equal(("anon-7", "login-1", "web/shop"), (link.AnonymousId, link.EventId, link.Source));
        var audit = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/customers/cust-b/identity", TestContext.Current.CancellationToken);
        Assert.Empty(audit.GetProperty("links").EnumerateArray());
        var refused = Assert.Single(audit.GetProperty("rejections").EnumerateArray());
        Assert.Equal("Conflict", refused.GetProperty("outcome").GetString());
        Assert.Equal("cust-a", refused.GetProperty("existingCustomerId").GetString());
        Assert.Equal("login-2", refused.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task IngestClickstream_MoreAnonymousIdsThanTheWeeklyLimit_ExtraLinksRefused()
    {
        var logins = Enumerable.Range(1, 6).Select(i => TestEvents.Identified($"login-{i}", $"device-{i}", "cust-shared", T0.AddMinutes(i))).ToArray();

        await DeliverAsync(logins);

        Assert.Equal(5, (await _app.Services.GetRequiredService<IIdentityStore>().GetLinksAsync("cust-shared", TestContext.Current.CancellationToken)).Count);
        var rejection = Assert.Single(await _app.Services.GetRequiredService<IIdentityStore>().GetRejectionsAsync("device-6", TestContext.Current.CancellationToken));
        Assert.Equal(LinkOutcome.TooManyLinks, rejection.Outcome);
    }

    [Theory]
    [InlineData("undefined")]
    [InlineData("null")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData(" Anonymous ")]
    public async Task IngestClickstream_PlaceholderIds_NeverKeyedOrLinked(string placeholder)
    {
        await DeliverAsync(
            TestEvents.AnonymousClick("p-1", placeholder, T0),
            TestEvents.Identified("p-2", placeholder, "cust-p", T0.AddMinutes(1)),
            TestEvents.Build("page.viewed", "p-3", T0.AddMinutes(2), "web", new() { ["url"] = "https://shop.example/" }, customerId: placeholder, anonymousId: "anon-real"));

        var reasons = _app.ReadQuarantine().Select(q => (q.GetProperty("eventId").GetString(), q.GetProperty("errors")[0].GetProperty("rule").GetString())).ToList();
        Assert.Equal([("p-1", "blocked")], reasons);
        Assert.Empty(await _app.Services.GetRequiredService<IIdentityStore>().GetLinksAsync("cust-p", TestContext.Current.CancellationToken));
        Assert.Equal(["p-2"], await TimelineIdsAsync("cust-p"));
        Assert.Equal(["p-3"], await TimelineIdsAsync("anon:anon-real"));
    }
}
