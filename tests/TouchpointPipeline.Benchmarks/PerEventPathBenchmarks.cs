using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Enrichment;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Validation;
using TouchpointPipeline.Functions.Triggers.HostPayloads;

namespace TouchpointPipeline.Benchmarks;

/// <summary>
/// The in-process cost per ~1 KB event of the ingest hot path, store excluded: decode the host's batch payload,
/// validate against the schema, normalize, compute the dedupe key. Target (issue 2): ≤ 10 µs CPU and ≤ 8 KB allocated
/// per event. <see cref="RawDeserializeBaseline"/> is the plain source-generated deserialize of the same events, for the ratio.
/// </summary>
[MemoryDiagnoser]
public class PerEventPathBenchmarks
{
    private const int BatchSize = 100;
    private byte[] _payload = [];
    private byte[][] _bodies = [];
    private EventReader _reader = null!;
    private EventEnricher _enricher = null!;
    private byte[] _chatPayload = [];
    private RawEvent[] _decoded = [];

    [GlobalSetup]
    public void Setup()
    {
        var bodies = Enumerable.Range(0, BatchSize).Select(SampleEvents.Click).ToList();
        _bodies = bodies.Select(Encoding.UTF8.GetBytes).ToArray();
        _payload = SampleEvents.HostPayload(bodies);
        _chatPayload = SampleEvents.HostPayload([.. Enumerable.Range(0, BatchSize).Select(SampleEvents.ChatMessage)]);
        _enricher = new EventEnricher(new PiiRedactor(), new CombinedSentimentScorer(), new PiiHasher(Options.Create(new PiiOptions { Salt = "benchmark-salt-0123456789" })));
        _reader = new EventReader(SchemaValidator.LoadEmbedded(), Options.Create(new ValidationOptions()), Options.Create(new IdentityOptions()));
        _decoded = [.. EventHubBatchDecoder.Decode(_payload, "events", "clickstream").Invocation!.Events];
        var sanity = Run(_payload);
        if (Run(_chatPayload) != BatchSize)
        {
            throw new InvalidOperationException("The sample chat messages are not all valid.");
        }

        if (sanity != BatchSize)
        {
            throw new InvalidOperationException($"Only {sanity} of {BatchSize} sample events were valid: the benchmark would measure the wrong path.");
        }

        Console.WriteLine($"// Sample event size: {_bodies.Average(b => b.Length):F0} bytes on average");
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "decode+validate+normalize+enrich+dedupe key, per click")]
    public int DecodeValidateNormalizeDedupe() => Run(_payload);

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "same path, per customer chat message (redaction + sentiment)")]
    public int ChatMessages() => Run(_chatPayload);

    [Benchmark(OperationsPerInvoke = BatchSize, Baseline = true, Description = "JsonSerializer.Deserialize (source-gen), per event")]
    public int RawDeserializeBaseline()
    {
        var n = 0;
        foreach (var body in _bodies)
        {
            var dto = JsonSerializer.Deserialize(body, BenchmarkJsonContext.Default.EnvelopeDto);
            n += dto?.Id is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "decode host payload only, per event")]
    public int DecodeOnly() => EventHubBatchDecoder.Decode(_payload, "events", "clickstream").Invocation!.Events.Count;

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "validate+normalize only, per event")]
    public int ReadOnly()
    {
        var n = 0;
        foreach (var raw in _decoded)
        {
            n += _reader.Read(raw, raw.Position.EnqueuedTime!.Value).Event is null ? 0 : 1;
        }

        return n;
    }

    private int Run(byte[] payload)
    {
        var decoded = EventHubBatchDecoder.Decode(payload, "events", "clickstream").Invocation!;
        var seen = new HashSet<(string, string)>(decoded.Events.Count);
        foreach (var raw in decoded.Events)
        {
            var result = _reader.Read(raw, raw.Position.EnqueuedTime!.Value);
            if (result.Event is { } read)
            {
                var e = _enricher.Enrich(read);
                seen.Add((e.CustomerKey, e.Id));
            }
        }

        return seen.Count;
    }
}
