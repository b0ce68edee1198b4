using System.Text;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Tests.Enrichment;

public sealed class EventEnricherIdentifierTests
{
    private const string Salt = "unit-test-salt-0123456789";

    public static TheoryData<string?, string?, string?, bool, string, string?> Cases => new()
    {
        // customerid, anonymousid, partition key, hash all ids, expected customer key, expected partition key
        { "cust-1", null, "cust-1", false, "cust-1", "cust-1" },
        { "Ann@Example.com", null, "Ann@Example.com", false, "H:ann@example.com", "H:ann@example.com" },
        { "ann@example.com", "anon-1", "anon:anon-1", false, "H:ann@example.com", "anon:anon-1" },
        { "ann@example.com", null, "some-other-key", false, "H:ann@example.com", "some-other-key" },
        { "ann@example.com", null, null, false, "H:ann@example.com", null },
        { null, "anon-1", "anon:anon-1", false, "anon:anon-1", "anon:anon-1" },
        { null, "anon-1", "anon:anon-1", true, "anon:H:anon-1", "anon:H:anon-1" },
        { "+44 20 7946 0958", null, "+44 20 7946 0958", true, "H:+44 20 7946 0958", "H:+44 20 7946 0958" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Enrich_IdentifierConfiguredAsPii_KeyAndPartitionKeyHashed(
        string? customerId, string? anonymousId, string? partitionKey, bool hashAll, string expectedKey, string? expectedPartitionKey)
    {
        var hasher = Hasher(hashAll);
        var enricher = new EventEnricher(new PiiRedactor(), new LexiconSentimentScorer(), hasher);

        var result = enricher.Enrich(Event(customerId, anonymousId, partitionKey));

        Assert.Equal(Expand(expectedKey, hasher), result.CustomerKey);
        Assert.Equal(expectedPartitionKey is null ? null : Expand(expectedPartitionKey, hasher), result.Position.PartitionKey);
        if (customerId is not null)
        {
            Assert.Equal(result.CustomerKey, result.CustomerId);
        }
    }

    [Fact]
    public void Enrich_AlreadyHashedId_KeptAsIs()
    {
        var hasher = Hasher(hashAll: true);
        var enricher = new EventEnricher(new PiiRedactor(), new LexiconSentimentScorer(), hasher);
        var once = enricher.Enrich(Event("ann@example.com", null, "ann@example.com"));

        var twice = enricher.Enrich(once);

        Assert.Equal(once.CustomerKey, twice.CustomerKey);
        Assert.Equal(once.Position.PartitionKey, twice.Position.PartitionKey);
    }

    // "H:x" in the table stands for the salted hash of x.
    private static string Expand(string expected, PiiHasher hasher) =>
        expected.StartsWith("H:", StringComparison.Ordinal) ? hasher.Hash(expected[2..])
        : expected.StartsWith("anon:H:", StringComparison.Ordinal) ? "anon:" + hasher.Hash(expected[7..])
        : expected;

    private static PiiHasher Hasher(bool hashAll) =>
        new(Options.Create(new PiiOptions { Salt = Salt, HashIdentifiers = hashAll }));

    private static TouchpointEvent Event(string? customerId, string? anonymousId, string? partitionKey)
    {
        var time = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        return new TouchpointEvent
        {
            Id = "e-1",
            Type = EventTypes.PageViewed,
            Source = "web/shop",
            Channel = Channel.Web,
            CustomerKey = customerId ?? CustomerKeys.ForAnonymous(anonymousId!),
            CustomerId = customerId,
            AnonymousId = anonymousId,
            Time = time,
            DeviceTime = time,
            ReceivedAt = time,
            Data = Encoding.UTF8.GetBytes("""{"url":"https://shop.example/"}"""),
            Position = new SourcePosition("clickstream", "0", "1", 1, time, partitionKey),
        };
    }
}
