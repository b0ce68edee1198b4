using System.Net;
using System.Text.Json.Nodes;
using TouchpointPipeline.Functions.Tests.Infrastructure;
using static TouchpointPipeline.Functions.Tests.Collector.CollectorApp;

namespace TouchpointPipeline.Functions.Tests.Collector;

/// <summary>
/// Issue 13, finding 3: <c>customerid: "anon:&lt;x&gt;"</c> wrote into anonymous visitor &lt;x&gt;'s timeline. The reader
/// refuses the key space's own prefixes, so the collector and the ingest path reject such an event the same way.
/// </summary>
public sealed class ReservedPrefixTests
{
    [Theory]
    [InlineData("anon:visitor-1")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("erasure:tombstones")]
    public async Task Collect_CustomerIdWithReservedPrefix_RejectedInvalidRestAccepted(string customerId)
    {
        var publisher = new RecordingEventPublisher();
        await using var app = Create(publisher);

        using var response = await PostAsync(app, Batch([Click("forged", customerId), Click("fine", "cust-1")]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rejected = (await JsonAsync(response)).GetProperty("results")[0];
        Assert.Equal(("rejected", "invalid", "customerid"),
            (rejected.GetProperty("status").GetString(), rejected.GetProperty("reason").GetString(), rejected.GetProperty("field").GetString()));
        Assert.Contains("must not start with", rejected.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["cust-1"], publisher.Published.Select(m => m.PartitionKey));
    }

    [Fact]
    public async Task IngestClickstream_CustomerIdAnonPrefix_QuarantinedAndTheVisitorsTimelineUntouched()
    {
        await using var app = new PipelineAppFactory();
        var visitor = TestEvents.AnonymousPageView("visit-1", "visitor-1");
        var forged = JsonNode.Parse(TestEvents.Click("forged-1", "anon:visitor-1"))!.ToJsonString();

        using var response = await app.InvokeAsync("IngestClickstream", EventHubPayloads.EventHubBatch([visitor, forged]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["visit-1"], (await app.ReadTimelineAsync("anon:visitor-1")).Select(e => e.GetProperty("id").GetString()));
        var quarantined = Assert.Single(app.ReadQuarantine());
        Assert.Equal("invalid", quarantined.GetProperty("reason").GetString());
        Assert.Contains("customerid", quarantined.ToString(), StringComparison.Ordinal);
    }
}
