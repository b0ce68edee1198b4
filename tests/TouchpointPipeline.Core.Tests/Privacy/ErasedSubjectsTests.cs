using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Core.Tests.Privacy;

public sealed class ErasedSubjectsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly InMemoryErasureStore _store = new();
    private readonly TombstoneKeys _keys;
    private readonly ErasedSubjects _erased;

    public ErasedSubjectsTests()
    {
        var pii = Options.Create(new PiiOptions { Salt = "unit-test-salt-0123456789" });
        _keys = new TombstoneKeys(new PiiHasher(pii), pii);
        _erased = new ErasedSubjects(_store, _keys, _time, NullLogger<ErasedSubjects>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RemoveErasedAsync_TombstonedCustomerOrAnonymousId_DropsOnlyTheirEvents()
    {
        await _store.AddTombstonesAsync([_keys.For("ann"), _keys.For("anon:device-1")], T0, Ct);

        var kept = await _erased.RemoveErasedAsync(
            [Event("e-1", "ann", null), Event("e-2", null, "device-1"), Event("e-3", "bob", "device-1"), Event("e-4", "bob", "device-2")], Ct);

        Assert.Equal(["e-4"], kept.Select(e => e.Id));
    }

    [Fact]
    public async Task RemoveErasedAsync_WithinAMinute_ReadsTheTombstonesOnceUnlessInvalidated()
    {
        await _erased.RemoveErasedAsync([Event("e-1", "ann", null)], Ct);
        await _store.AddTombstonesAsync([_keys.For("ann")], T0, Ct);

        var cached = await _erased.RemoveErasedAsync([Event("e-2", "ann", null)], Ct);
        _erased.Invalidate();
        var fresh = await _erased.RemoveErasedAsync([Event("e-3", "ann", null)], Ct);
        _time.Advance(ErasedSubjects.CacheFor);
        await _erased.RemoveErasedAsync([Event("e-4", "ann", null)], Ct);

        Assert.Single(cached);
        Assert.Empty(fresh);
        Assert.Equal(3, _store.Reads);
    }

    [Fact]
    public void For_SameKey_SameTombstoneNeverTheKeyItself()
    {
        var tombstone = _keys.For("ann@example.com");

        Assert.Equal(tombstone, _keys.For("ann@example.com"));
        Assert.NotEqual(tombstone, _keys.For("anon:ann@example.com"));
        Assert.DoesNotContain("ann", tombstone, StringComparison.Ordinal);
        Assert.True(PiiHasher.IsHashed(tombstone));
    }

    public void Dispose() => _erased.Dispose();

    private static TouchpointEvent Event(string id, string? customerId, string? anonymousId) => new()
    {
        Id = id,
        Type = EventTypes.PageViewed,
        Source = "web/shop",
        Channel = Channel.Web,
        CustomerKey = customerId ?? CustomerKeys.ForAnonymous(anonymousId!),
        CustomerId = customerId,
        AnonymousId = anonymousId,
        Time = T0,
        DeviceTime = T0,
        ReceivedAt = T0,
        Data = Encoding.UTF8.GetBytes("""{"url":"https://shop.example/"}"""),
        Position = new SourcePosition("clickstream", "0", "1", 1, T0, null),
    };
}
