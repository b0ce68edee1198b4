using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Storage.Cosmos;

namespace TouchpointPipeline.Storage.Tests.Detection;

/// <summary>
/// The Cosmos alert and state adapters' status handling and document shape over a substituted <see cref="Container"/>
/// (what the Cosmos-protocol server cannot provoke; the contract suites run through the real SDK, see docs/cosmos.md).
/// </summary>
public sealed class CosmosDetectionStoresBehaviourTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Container _container = Substitute.For<Container>();
    private readonly CosmosStorageOptions _options = new() { AccountEndpoint = "https://example.documents.azure.com:443/", MaxRetryAttempts = 2 };
    private readonly FakeTimeProvider _time = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlertCreate_201ThenConflict409_TrueThenFalseWithoutUpsert()
    {
        byte[]? written = null;
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        _container.CreateItemStreamAsync(Arg.Any<Stream>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                written ??= ((MemoryStream)call.Arg<Stream>()).ToArray();
                return new ResponseMessage(answers.Dequeue());
            });
        var store = new CosmosAlertStore(_container, _options, _time);

        var first = await store.CreateAsync(Alert(), Ct);
        var second = await store.CreateAsync(Alert(), Ct);

        Assert.True(first);
        Assert.False(second);
        await _container.Received(2).CreateItemStreamAsync(Arg.Any<Stream>(), new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>());
        await _container.DidNotReceiveWithAnyArgs().UpsertItemStreamAsync(default!, default, default, Ct);
        using var document = JsonDocument.Parse(written!);
        Assert.Equal("al-1", document.RootElement.GetProperty("id").GetString());
        Assert.Equal("cust-1", document.RootElement.GetProperty("customerKey").GetString());
        Assert.Equal("open", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("escalatedAt").ValueKind);
    }

    [Fact]
    public async Task AlertReplace_412PreconditionFailed_FalseAndSendsIfMatch()
    {
        ItemRequestOptions? sent = null;
        _container.ReplaceItemStreamAsync(Arg.Any<Stream>(), "al-1", new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                sent = call.Arg<ItemRequestOptions>();
                return new ResponseMessage(HttpStatusCode.PreconditionFailed);
            });
        var store = new CosmosAlertStore(_container, _options, _time);

        var replaced = await store.TryReplaceAsync(Alert() with { Status = AlertStatus.Acknowledged }, "\"etag-1\"", Ct);

        Assert.False(replaced);
        Assert.Equal("\"etag-1\"", sent!.IfMatchEtag);
    }

    [Fact]
    public async Task StateGet_404_NullAndRead200_StateWithHeaderEtag()
    {
        var state = new DetectorState("cust-1", [new StateEvent("e1", "element.clicked", "web", T0, new Dictionary<string, string> { ["data.selector"] = "#pay" })], [], []);
        var body = $$"""{"id":"detector","customerKey":"cust-1","type":"state","state":{{Encoding.UTF8.GetString(DetectorStateJson.SerializeToUtf8Bytes(state))}},"_etag":"\"x\""}""";
        var found = new ResponseMessage(HttpStatusCode.OK) { Content = new MemoryStream(Encoding.UTF8.GetBytes(body)) };
        found.Headers["ETag"] = "\"etag-7\"";
        _container.ReadItemStreamAsync("detector", new PartitionKey("nobody"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(new ResponseMessage(HttpStatusCode.NotFound));
        _container.ReadItemStreamAsync("detector", new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(found);
        var store = new CosmosDetectorStateStore(_container, _options, _time);

        var missing = await store.GetAsync("nobody", Ct);
        var read = await store.GetAsync("cust-1", Ct);

        Assert.Null(missing);
        Assert.Equal("\"etag-7\"", read!.ETag);
        Assert.Equal("#pay", Assert.Single(read.State.Events).Fields["data.selector"]);
    }

    [Fact]
    public async Task StateSave_NewCreates409False_KnownReplacesIfMatch412False()
    {
        _container.CreateItemStreamAsync(Arg.Any<Stream>(), new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(new ResponseMessage(HttpStatusCode.Conflict));
        ItemRequestOptions? sent = null;
        _container.ReplaceItemStreamAsync(Arg.Any<Stream>(), "detector", new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                sent = call.Arg<ItemRequestOptions>();
                return new ResponseMessage(HttpStatusCode.PreconditionFailed);
            });
        var store = new CosmosDetectorStateStore(_container, _options, _time);

        var created = await store.TrySaveAsync(DetectorState.Empty("cust-1"), etag: null, Ct);
        var replaced = await store.TrySaveAsync(DetectorState.Empty("cust-1"), "\"etag-3\"", Ct);

        Assert.False(created);
        Assert.False(replaced);
        Assert.Equal("\"etag-3\"", sent!.IfMatchEtag);
    }

    [Fact]
    public async Task PendingAddTwiceAndDeleteMissing_409And404AreNotErrors()
    {
        _container.CreateItemStreamAsync(Arg.Any<Stream>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(new ResponseMessage(HttpStatusCode.Conflict));
        _container.DeleteItemStreamAsync("pending:chk-1", new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(new ResponseMessage(HttpStatusCode.NotFound));
        var store = new CosmosDetectorStateStore(_container, _options, _time);
        var check = new PendingCheck("chk-1", "cust-1", "checkout-abandoned-after-error", "p1", T0);

        await store.AddPendingAsync(check, Ct);
        await store.DeletePendingAsync(check, Ct);

        await _container.Received(1).DeleteItemStreamAsync("pending:chk-1", new PartitionKey("cust-1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AlertCreate_500_ThrowsCosmosExceptionNamingTheOperation()
    {
        _container.CreateItemStreamAsync(Arg.Any<Stream>(), Arg.Any<PartitionKey>(), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>())
            .Returns(new ResponseMessage(HttpStatusCode.InternalServerError));
        var store = new CosmosAlertStore(_container, _options, _time);

        var ex = await Assert.ThrowsAsync<CosmosException>(() => store.CreateAsync(Alert(), Ct));

        Assert.Contains("Creating an alert", ex.Message, StringComparison.Ordinal);
    }

    private static Alert Alert() => new()
    {
        Id = "al-1",
        RuleId = "rage-click",
        Severity = AlertSeverity.Medium,
        CustomerKey = "cust-1",
        IncidentEventId = "e3",
        FirstEvidenceTime = T0,
        LastEvidenceTime = T0.AddSeconds(1),
        EvidenceEventIds = ["e1", "e2", "e3"],
        Summary = "s",
        SuggestedAction = "a",
        CreatedAt = T0,
    };
}
