using System.Reflection;
using Azure.Messaging.EventHubs.Producer;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.DevHost.EventLog;

namespace TouchpointPipeline.DevHost.Tests.EventLog;

public sealed class PartitionSelectorTests
{
    // Pinned pairs from the Azure SDK's own PartitionResolver (the service's lookup3 hash): a change of hash would
    // move customers between partitions.
    [Theory]
    [InlineData("c-42", 4, 0)]
    [InlineData("anon:visitor-1", 4, 0)]
    [InlineData("customer-0001", 4, 1)]
    [InlineData("c-42", 32, 4)]
    [InlineData("", 4, 0)]
    [InlineData("a-key-longer-than-twelve-bytes", 8, 4)]
    public void PartitionFor_KnownKeys_AreTheServicePartitions(string key, int partitions, int expected)
    {
        Assert.Equal(expected, PartitionSelector.PartitionFor(key, partitions));
    }

    [Fact]
    public void PartitionFor_ManyKeys_MatchTheAzureSdkPartitionResolver()
    {
        // The SDK's internal PartitionResolver is what EventHubBufferedProducerClient uses to place keyed events.
        var resolverType = typeof(EventHubBufferedProducerClient).Assembly.GetTypes().Single(t => t.Name == "PartitionResolver");
        var resolver = Activator.CreateInstance(resolverType, nonPublic: true)!;
        var assign = resolverType.GetMethod("AssignForPartitionKey", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
        var keys = Enumerable.Range(0, 2000).Select(i => $"customer-{i}").Concat(["c-42", "anon:visitor-1", "ü-é-日本", new string('x', 37)]).ToList();

        foreach (var count in new[] { 1, 2, 4, 7, 32 })
        {
            var partitions = Enumerable.Range(0, count).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var mismatches = keys.Where(k => (string)assign.Invoke(resolver, [k, partitions])! != PartitionSelector.PartitionFor(k, count).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Empty(mismatches);
        }
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
