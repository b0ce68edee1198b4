using TouchpointPipeline.DevHost.EventLog;

namespace TouchpointPipeline.DevHost.Tests.EventLog;

public sealed class PartitionSelectorTests
{
    // Pinned values (FNV-1a 32 computed independently): a change of hash would move customers between partitions.
    [Theory]
    [InlineData("c-42", 4, 3)]
    [InlineData("anon:visitor-1", 4, 1)]
    [InlineData("customer-0001", 4, 3)]
    [InlineData("c-42", 32, 11)]
    public void PartitionFor_KnownKeys_AreStable(string key, int partitions, int expected)
    {
        Assert.Equal(expected, PartitionSelector.PartitionFor(key, partitions));
    }

    [Fact]
    public void PartitionFor_ManyKeys_UseEveryPartitionAndRepeatTheSameAnswer()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => $"customer-{i}").ToList();

        var first = keys.Select(k => PartitionSelector.PartitionFor(k, 4)).ToList();
        var second = keys.Select(k => PartitionSelector.PartitionFor(k, 4)).ToList();

        Assert.Equal(first, second);
        Assert.All(Enumerable.Range(0, 4), p => Assert.InRange(first.Count(x => x == p), 150, 350));
    }

    [Fact]
    public void Append_SameKey_LandsInOnePartitionInOrder_AndKeylessRoundRobin()
    {
        var hub = new HubLog("clickstream", 4, TimeProvider.System);

        var keyed = hub.Append([.. Enumerable.Range(0, 5).Select(i => new NewMessage("c-42", $"e{i}"))]);
        var keyless = hub.Append([.. Enumerable.Range(0, 4).Select(i => new NewMessage(null, $"k{i}"))]);

        Assert.Single(keyed.Select(a => a.Partition.Id).Distinct());
        Assert.Equal([0L, 1, 2, 3, 4], keyed.Select(a => a.Message.SequenceNumber));
        Assert.Equal(4, keyless.Select(a => a.Partition.Id).Distinct().Count());
    }
}
