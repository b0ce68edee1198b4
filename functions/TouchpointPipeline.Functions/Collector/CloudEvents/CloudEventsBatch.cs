using System.Buffers;
using System.Text.Json;

namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>
/// The events of a CloudEvents request as the collector's own input: one JSON array of the events the binding did not
/// reject, judged by <see cref="EventCollector"/> like an envelope's <c>events</c>, and merged back with the binding's
/// rejections into one result per event in request order.
/// </summary>
internal sealed class CloudEventsBatch : IDisposable
{
    // Each event was parsed (or written) at depth ≤ 64; the array adds one level. EventReader still applies its own limit.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 66 };
    private readonly IReadOnlyList<CloudEventInput> _inputs;
    private readonly JsonDocument _document;

    public CloudEventsBatch(IReadOnlyList<CloudEventInput> inputs)
    {
        _inputs = inputs;
        var buffer = new ArrayBufferWriter<byte>(inputs.Sum(i => i.Json.Length + 1) + 2);
        buffer.Write("["u8);
        var first = true;
        foreach (var input in inputs.Where(i => i.Rejection is null))
        {
            if (!first)
            {
                buffer.Write(","u8);
            }

            buffer.Write(input.Json.Span);
            first = false;
        }

        buffer.Write("]"u8);
        _document = JsonDocument.Parse(buffer.WrittenMemory, ParseOptions);
    }

    public int Count => _inputs.Count;

    /// <summary>The events left for the collector to judge, as a JSON array.</summary>
    public JsonElement Events => _document.RootElement;

    /// <summary>The collector's results for <see cref="Events"/> merged with the binding's rejections, in request order.</summary>
    public CollectOutcome Merge(CollectOutcome judged)
    {
        ArgumentNullException.ThrowIfNull(judged);
        var results = new List<EventResult>(_inputs.Count);
        var next = 0;
        foreach (var input in _inputs)
        {
            results.Add(input.Rejection ?? judged.Results[next++]);
        }

        return new CollectOutcome(results, judged.Messages);
    }

    public void Dispose() => _document.Dispose();
}
