using System.Net;
using Microsoft.Azure.Cosmos;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Identity;

/// <summary>
/// The Cosmos identity adapter's logic without an emulator: the whole identity contract suite over an in-memory
/// container with Cosmos DB's status answers, plus crash healing, throttling and failure reporting.
/// </summary>
public sealed class CosmosIdentityStoreBehaviourTests : IdentityStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IdentityLinkPolicy Policy = new(3, TimeSpan.FromDays(7));
    private readonly InMemoryCosmosContainer _container = new();
    private readonly CosmosIdentityStore _store;

    public CosmosIdentityStoreBehaviourTests() =>
        _store = new CosmosIdentityStore(_container.Container, new CosmosStorageOptions
        {
            AccountEndpoint = "https://example.documents.azure.com:443/",
            MaxRetryAttempts = 3,
            MaxRetryWaitTime = TimeSpan.FromSeconds(5),
        }, TimeProvider.System);

    protected override IIdentityStore Store => _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LinkAsync_NewLink_ForwardInAnonymousPartitionAndReverseInCustomers()
    {
        await _store.LinkAsync(new IdentityLink("a-1", "c-1", "e-1", "web/shop", T0), Policy, Ct);

        Assert.Equal(
            [("[\"anon:a-1\"]", "link"), ("[\"c-1\"]", "anon:a-1")],
            _container.Keys.OrderBy(k => k.PartitionKey, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task LinkAsync_CrashAfterForwardWrite_RedeliveryHealsTheReverseLink()
    {
        _container.Fault = (op, id) => op == "create" && id == "anon:a-1" ? HttpStatusCode.InternalServerError : null;
        await Assert.ThrowsAsync<CosmosException>(() => _store.LinkAsync(new IdentityLink("a-1", "c-1", "e-1", "web/shop", T0), Policy, Ct));
        Assert.Empty(await _store.GetLinksAsync("c-1", Ct));

        _container.Fault = (_, _) => null;
        var again = await _store.LinkAsync(new IdentityLink("a-1", "c-1", "e-1", "web/shop", T0), Policy, Ct);

        Assert.Equal(LinkOutcome.AlreadyLinked, again.Outcome);
        Assert.Equal("a-1", Assert.Single(await _store.GetLinksAsync("c-1", Ct)).AnonymousId);
    }

    [Fact]
    public async Task ResolveAsync_Throttled429_RetriedAndAnswered()
    {
        await _store.LinkAsync(new IdentityLink("a-1", "c-1", "e-1", "web/shop", T0), Policy, Ct);
        var reads = 0;
        _container.Fault = (op, _) => op == "read" && Interlocked.Increment(ref reads) <= 2 ? (HttpStatusCode)429 : null;

        var resolved = await _store.ResolveAsync(["a-1"], Ct);

        Assert.Equal("c-1", resolved["a-1"]);
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task LinkAsync_PermanentFailure_ThrowsNamingTheOperationAndStatus()
    {
        _container.Fault = (op, _) => op == "read" ? HttpStatusCode.Forbidden : null;

        var error = await Assert.ThrowsAsync<CosmosException>(() => _store.LinkAsync(new IdentityLink("a-1", "c-1", "e-1", "web/shop", T0), Policy, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("Reading an identity link", error.Message, StringComparison.Ordinal);
        Assert.Contains("identities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkAsync_ConflictRecordedTwice_OneRejectionPerEvent()
    {
        await _store.LinkAsync(new IdentityLink("a-1", "c-1", "e-1", "web/shop", T0), Policy, Ct);

        await _store.LinkAsync(new IdentityLink("a-1", "c-2", "e-2", "web/shop", T0.AddMinutes(1)), Policy, Ct);
        await _store.LinkAsync(new IdentityLink("a-1", "c-2", "e-2", "web/shop", T0.AddMinutes(1)), Policy, Ct);

        var rejection = Assert.Single(await _store.GetRejectionsAsync("c-2", Ct));
        Assert.Equal(LinkOutcome.Conflict, rejection.Outcome);
        Assert.Equal("c-1", rejection.ExistingCustomerId);
        Assert.Single(await _store.GetRejectionsAsync("a-1", Ct));
    }
}
