using System.Text;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Pipeline;

namespace TouchpointPipeline.Core.Tests.Pipeline;

public sealed class BatchIdentityTests
{
    private static RawEvent Raw(string body, long? seq, DateTimeOffset? enqueued = null, string partition = "2") =>
        new(Encoding.UTF8.GetBytes(body), new SourcePosition("clickstream", partition, null, seq, enqueued, null));

    [Fact]
    public void IdFor_WithSequenceNumbers_NamesHubPartitionAndRange()
    {
        var id = BatchIdentity.IdFor("clickstream", [Raw("a", 12), Raw("b", 10), Raw("c", 11)]);

        Assert.Equal("clickstream-p2-s10-12", id);
    }

    [Fact]
    public void IdFor_SameBatchTwice_SameId()
    {
        List<RawEvent> batch = [Raw("a", null), Raw("b", null)];

        Assert.Equal(BatchIdentity.IdFor("calls", batch), BatchIdentity.IdFor("calls", [.. batch]));
    }

    [Fact]
    public void IdFor_WithoutPositions_HashDependsOnBodiesAndBoundaries()
    {
        var ab = BatchIdentity.IdFor("calls", [Raw("a", null), Raw("b", null)]);
        var a_b = BatchIdentity.IdFor("calls", [Raw("ab", null)]);

        Assert.NotEqual(ab, a_b);
        Assert.StartsWith("calls-h", ab, StringComparison.Ordinal);
    }

    [Fact]
    public void IdFor_UnsafeHubCharacters_Replaced()
    {
        Assert.Equal("a_b_c-p_-s1-1", BatchIdentity.IdFor("a/b c", [Raw("x", 1, partition: "/")]));
    }

    [Fact]
    public void TimeFor_EarliestEnqueuedElseNow()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var t1 = now.AddDays(-1);

        Assert.Equal(t1, BatchIdentity.TimeFor([Raw("a", 1, t1.AddSeconds(5)), Raw("b", 2, t1)], now));
        Assert.Equal(now, BatchIdentity.TimeFor([Raw("a", 1)], now));
    }
}
