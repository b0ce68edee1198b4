using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TouchpointPipeline.Functions.Triggers.Ingest;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests;

/// <summary>
/// The host learns about functions only from the function.json files; the handler only from its routes. These tests keep
/// the two in step, so a renamed folder or setting fails here rather than as a silent 404 in Azure.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static IEnumerable<(string Name, JsonElement Json)> Functions() =>
        Directory.GetDirectories(AppContext.BaseDirectory)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => (Path.GetFileName(d), JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "function.json"))).RootElement.Clone()));

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void EventHubFunctions_MatchTheHandlersIngestFunctions()
    {
        var eventHubFunctions = Functions().Where(f => Trigger(f.Json).GetProperty("type").GetString() == "eventHubTrigger").ToList();

        Assert.Equal(IngestFunction.All.Select(f => f.Name).Order(StringComparer.Ordinal), eventHubFunctions.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var (name, json) in eventHubFunctions)
        {
            var trigger = Trigger(json);
            var function = IngestFunction.All.Single(f => f.Name == name);
            Assert.Equal(IngestFunction.TriggerBindingName, trigger.GetProperty("name").GetString());
            Assert.Equal($"%{function.HubSetting}%", trigger.GetProperty("eventHubName").GetString());
            Assert.Equal("EventHubConnection", trigger.GetProperty("connection").GetString());
            Assert.Equal("%IngestConsumerGroup%", trigger.GetProperty("consumerGroup").GetString());
            // cardinality many + dataType string: the only shape in which a non-JSON body reaches us instead of failing binding (docs/host-protocol.md §4.1).
            Assert.Equal("many", trigger.GetProperty("cardinality").GetString());
            Assert.Equal("string", trigger.GetProperty("dataType").GetString());
            Assert.Equal("exponentialBackoff", json.GetProperty("retry").GetProperty("strategy").GetString());
            // Unbounded: a store that is down makes the partition wait, never lose the batch (docs/host-protocol.md §7.7).
            Assert.Equal(-1, json.GetProperty("retry").GetProperty("maxRetryCount").GetInt32());
        }
    }

    [Fact]
    public async Task EveryFunction_HasAHandlerRoute()
    {
        await using var app = new PipelineAppFactory();
        _ = app.CreateClient();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var (name, json) in Functions())
        {
            var trigger = Trigger(json);
            var forwarded = trigger.GetProperty("type").GetString() == "httpTrigger";
            // Forwarded HTTP functions arrive at /api/<route> (§6.2); every other function at POST /<FunctionName> (§2.1).
            var expected = forwarded ? "/api/" + trigger.GetProperty("route").GetString() : "/" + name;
            Assert.Contains(expected, routes);
        }
    }

    [Fact]
    public void HostJson_UsesCustomHandlerWithForwardingAndTheBundle()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var root = host.RootElement;

        Assert.Equal("TouchpointPipeline.Functions", root.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(root.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.Equal(100, root.GetProperty("extensions").GetProperty("eventHubs").GetProperty("maxEventBatchSize").GetInt32());
    }
}
