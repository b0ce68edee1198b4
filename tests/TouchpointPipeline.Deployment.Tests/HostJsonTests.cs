using System.Text.Json.Nodes;
using TouchpointPipeline.Deployment.Tests.Support;

namespace TouchpointPipeline.Deployment.Tests;

/// <summary>host.json settings that only mean something in combination with others.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.FunctionAppDirectory, "host.json")))!;

    [Fact]
    public void EventHubs_MaxWaitTime_IsSetOnlyWithAMinimumBatchAboveOne()
    {
        var eventHubs = HostJson["extensions"]!["eventHubs"]!;
        var minimum = eventHubs["minEventBatchSize"]?.GetValue<int>() ?? 1;

        // Microsoft.Azure.WebJobs.Extensions.EventHubs: EventHubOptions.MaxWaitTime "is only considered when
        // MinEventBatchSize is set to larger than 1 and is otherwise unused" (PartitionProcessor holds events only then).
        Assert.True(minimum > 1 || eventHubs["maxWaitTime"] is null, "maxWaitTime is ignored while minEventBatchSize is 1: drop it, or raise minEventBatchSize");
    }

    [Fact]
    public void CustomHandler_ProxiesHttp_WithForwardingForHostsWithoutProxying()
    {
        var handler = HostJson["customHandler"]!;

        // DefaultHttpWorkerService.InvokeAsync: enableProxyingHttpRequest is checked first; a host that predates it
        // ignores the key and forwards instead of falling back to the invocation payload the handler does not serve.
        Assert.True(handler["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.True(handler["enableForwardingHttpRequest"]!.GetValue<bool>());
    }
}
