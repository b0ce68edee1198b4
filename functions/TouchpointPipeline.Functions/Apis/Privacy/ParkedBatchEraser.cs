using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Privacy;

namespace TouchpointPipeline.Functions.Apis.Privacy;

/// <summary>
/// A data subject's events in the parked batches (Blob Storage or folder, through <see cref="IParkedBatchStore"/>). A
/// parked batch is the host's request body (docs/host-protocol.md §4.4): <c>Data.&lt;binding&gt;</c> holds the event
/// bodies and every <c>Metadata.*Array</c> holds one element per event, so erasure removes element i everywhere and
/// the batch still replays through the same path (a batch left empty is deleted). An event matches when its body has
/// an identifier as a whole JSON string value (case-insensitive).
/// </summary>
internal sealed class ParkedBatchEraser(IParkedBatchStore parked) : IDeadLetterEraser
{
    public async Task<IReadOnlyList<DeadLetterRecord>> FindAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var found = new List<DeadLetterRecord>();
        foreach (var name in await parked.ListAsync(cancellationToken))
        {
            if (await parked.ReadAsync(name, cancellationToken) is not { } batch || Parse(batch.Payload, identifiers) is not { Matching.Count: > 0 } payload)
            {
                continue;
            }

            var record = new JsonObject
            {
                ["batchId"] = batch.BatchId,
                ["functionName"] = batch.FunctionName,
                ["parkedAt"] = batch.ParkedAt,
                ["events"] = new JsonArray([.. payload.Matching.Select(i => (JsonNode?)JsonValue.Create(payload.Bodies[i]))]),
            };
            found.Add(new DeadLetterRecord("parked", name, record.ToJsonString()));
        }

        return found;
    }

    public async Task<int> EraseAsync(IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var name in await parked.ListAsync(cancellationToken))
        {
            if (await parked.ReadAsync(name, cancellationToken) is not { } batch || Parse(batch.Payload, identifiers) is not { Matching.Count: > 0 } payload)
            {
                continue;
            }

            changed++;
            // Parked records are write-once under their name: the rewritten batch replaces the old one by delete + park.
            await parked.DeleteAsync(name, cancellationToken);
            if (payload.Matching.Count < payload.Bodies.Count)
            {
                await parked.ParkAsync(batch with { Payload = payload.Without(payload.Matching) }, cancellationToken);
            }
        }

        return changed;
    }

    private static ParsedPayload? Parse(ReadOnlyMemory<byte> payload, IReadOnlyCollection<string> identifiers)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(payload.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (root?["Data"] is not JsonObject data || data.FirstOrDefault(p => AsArray(p.Value) is not null) is not { Key: { } binding } property)
        {
            return null;
        }

        var events = AsArray(property.Value)!;
        var bodies = events.Select(e => e is JsonValue v && v.TryGetValue<string>(out var text) ? text : e?.ToJsonString() ?? string.Empty).ToList();
        var patterns = identifiers.Where(i => i.Length > 0).Select(i => "\"" + i + "\"").ToArray();
        var matching = bodies.Select((body, i) => (body, i))
            .Where(b => patterns.Any(p => b.body.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Select(b => b.i)
            .ToList();
        return new ParsedPayload(root, binding, bodies, matching);
    }

    // Values are JSON strings holding an array (dataType string), or arrays.
    private static JsonArray? AsArray(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text) as JsonArray;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    private sealed record ParsedPayload(JsonObject Root, string Binding, IReadOnlyList<string> Bodies, IReadOnlyList<int> Matching)
    {
        public byte[] Without(IReadOnlyList<int> indexes)
        {
            var data = (JsonObject)Root["Data"]!;
            data[Binding] = Remove(data[Binding], indexes, Bodies.Count);
            if (Root["Metadata"] is JsonObject metadata)
            {
                foreach (var key in metadata.Select(p => p.Key).Where(k => k.EndsWith("Array", StringComparison.Ordinal)).ToList())
                {
                    metadata[key] = Remove(metadata[key], indexes, Bodies.Count);
                }
            }

            return Encoding.UTF8.GetBytes(Root.ToJsonString());
        }

        // Element i of every per-event array belongs to event i; arrays of another length are left alone.
        private static JsonNode? Remove(JsonNode? node, IReadOnlyList<int> indexes, int count)
        {
            if (AsArray(node) is not { } array || array.Count != count)
            {
                return node?.DeepClone();
            }

            var kept = new JsonArray([.. array.Where((_, i) => !indexes.Contains(i)).Select(e => e?.DeepClone())]);
            return node is JsonArray ? kept : JsonValue.Create(kept.ToJsonString());
        }
    }
}
