using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Detection.Rules;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Benchmarks;

/// <summary>
/// The CPU cost of streaming detection, stores excluded: a batch of 10 new clicks for one customer evaluated with all
/// shipped rules against a full detector state (<see cref="DetectionOptions.MaxEventsPerCustomer"/> = 500 events), the
/// worst case the cap allows, plus building the compact state events from timeline items. Divide by 10 for per event.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private DetectionEngine _engine = null!;
    private DetectorState _fullState = null!;
    private TimelineItem[] _batch = [];
    private RuleSet _rules = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rules = RuleLoader.LoadFolder(Path.Combine(AppContext.BaseDirectory, "rules"));
        _engine = new DetectionEngine(_rules, Options.Create(new DetectionOptions()));

        // 500 relevant events in the last hour: clicks on 50 selectors, form errors, chat messages, call events.
        var events = Enumerable.Range(0, 500).Select(i => StateEventFields.From(Item($"old-{i:D3}", i), _rules.Fields)).ToList();
        _fullState = new DetectorState("cust-1", events, [], []);
        _batch = [.. Enumerable.Range(0, 10).Select(i => Click($"new-{i}", T0.AddMinutes(59).AddSeconds(i * 2), $"#sel-{i}"))];
    }

    [Benchmark(Description = "10 clicks vs full state (500 events)")]
    public int EvaluateBatchAgainstFullState()
    {
        var incoming = _batch.Select(i => StateEventFields.From(i, _rules.Fields)).ToList();
        return _engine.Evaluate(_fullState, incoming, T0.AddHours(1), "batch-1").NewAlerts.Count;
    }

    private static TimelineItem Item(string id, int i) => (i % 10) switch
    {
        0 => Make(id, EventTypes.FormError, Channel.Web, T0.AddSeconds(i * 7), """{"form":"f","field":"zip","message":"bad"}"""),
        1 => Make(id, EventTypes.ChatMessage, Channel.Chat, T0.AddSeconds(i * 7), """{"chatId":"c-1","sender":"customer","text":"hm"}""", """{"sentiment":{"score":0.1,"label":"neutral"}}"""),
        2 => Make(id, EventTypes.CallHeld, Channel.Call, T0.AddSeconds(i * 7), $$"""{"callId":"call-{{i}}","holdSeconds":20}"""),
        _ => Click(id, T0.AddSeconds(i * 7), $"#sel-{i % 50}"),
    };

    private static TimelineItem Click(string id, DateTimeOffset time, string selector) =>
        Make(id, EventTypes.ElementClicked, Channel.Web, time, $$"""{"selector":"{{selector}}","x":100,"y":200,"url":"https://shop.example/p"}""");

    private static TimelineItem Make(string id, string type, Channel channel, DateTimeOffset time, string data, string? enrichment = null) => new()
    {
        CustomerKey = "cust-1",
        Id = id,
        Type = type,
        Channel = channel,
        Source = "bench",
        Time = time,
        ReceivedAt = time,
        Data = Encoding.UTF8.GetBytes(data),
        Enrichment = enrichment is null ? default : Encoding.UTF8.GetBytes(enrichment),
    };
}
