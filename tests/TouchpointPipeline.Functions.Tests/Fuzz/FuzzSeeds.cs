using System.Text.Json.Nodes;
using TouchpointPipeline.Functions.Tests.Infrastructure;

namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>
/// The seed events the fuzz suite mutates: every example (valid and invalid) in <c>schemas/*.schema.json</c>, copied
/// next to the tests, plus the test fixtures' own events.
/// </summary>
internal static class FuzzSeeds
{
    public static IReadOnlyList<JsonObject> Load()
    {
        var seeds = new List<JsonObject>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas"), "*.schema.json").Order(StringComparer.Ordinal))
        {
            var schema = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            foreach (var key in new[] { "examples", "x-invalid-examples" })
            {
                if (schema[key] is JsonArray examples)
                {
                    seeds.AddRange(examples.OfType<JsonObject>().Where(e => e["type"] is not null).Select(e => (JsonObject)e.DeepClone()));
                }
            }
        }

        var time = EventHubPayloads.DefaultEnqueued;
        seeds.Add(JsonNode.Parse(TestEvents.Click("seed", "cust"))!.AsObject());
        seeds.Add(JsonNode.Parse(TestEvents.AnonymousPageView("seed", "anon-1"))!.AsObject());
        seeds.Add(JsonNode.Parse(TestEvents.Identified("seed", "anon-1", "cust", time))!.AsObject());
        return seeds;
    }
}
