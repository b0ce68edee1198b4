using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.Simulator;

/// <summary>
/// The traffic simulator's settings (section <c>Simulation</c>; <c>--simulate</c>, <c>--customers</c>, <c>--seed</c>,
/// <c>--rate</c>, <c>--events</c>, <c>--duration</c>, <c>--report</c> map onto them). Without <c>--events</c> or
/// <c>--duration</c> the simulator runs until Ctrl+C.
/// </summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Simulation";
    public const string ViaCollector = "collector";
    public const string ViaEventHubs = "eventhubs";

    /// <summary>Run the simulator once the dev host has started.</summary>
    public bool Enabled { get; set; }

    /// <summary>Seed of the journeys: the same seed gives the same customers, ids and patterns. Null: a random seed.</summary>
    public int? Seed { get; set; }

    /// <summary>How many customers to simulate (a finite run stops at the first of customers, events, duration). 0: no limit.</summary>
    [Range(0, 10_000_000)]
    public int Customers { get; set; }

    /// <summary>Events per second to emit; 0 emits as fast as the collector takes them. Default 200.</summary>
    [Range(0, 1_000_000)]
    public int Rate { get; set; } = 200;

    /// <summary>Stop after this many events (the journey in progress is completed). 0: no limit.</summary>
    [Range(0, 100_000_000)]
    public long Events { get; set; }

    /// <summary>Stop emitting after this long. Null: no limit.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Write the final report as JSON to this file.</summary>
    public string? Report { get; set; }

    /// <summary>Share of customers given an injected pain pattern (rotating through the loaded rules' patterns). Default 0.1.</summary>
    [Range(0.0, 1.0)]
    public double PainShare { get; set; } = 0.1;

    /// <summary>The collector write key. Default: the dev host's own key (<c>Collector__WriteKeys__devhost__Key</c>).</summary>
    public string? WriteKey { get; set; }

    /// <summary>
    /// How events reach the pipeline: <c>collector</c> (default: <c>POST /api/events</c> with the write key, as browsers
    /// and apps send) or <c>eventhubs</c> (straight to the hubs with <c>EventHubProducerClient</c>, customer key as
    /// partition key, as trusted backends send).
    /// </summary>
    [RegularExpression("^(collector|eventhubs)$", ErrorMessage = "Simulation:Via must be collector or eventhubs.")]
    public string Via { get; set; } = ViaCollector;

    /// <summary>The Event Hubs connection string for <c>--via eventhubs</c>. Under the dev host: its own AMQP listener.</summary>
    public string? EventHubsConnection { get; set; }

    /// <summary>Batches in flight at once.</summary>
    [Range(1, 64)]
    public int Senders { get; set; } = 4;

    /// <summary>Most events per request (the collector takes up to 500).</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Seconds between progress lines.</summary>
    [Range(1, 3600)]
    public int ProgressSeconds { get; set; } = 3;

    /// <summary>After a finite run, how long to wait for the pipeline to store everything and raise the expected alerts.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Stop the dev host when a finite run has reported (the exit code says whether it ran cleanly).</summary>
    public bool ExitWhenDone { get; set; } = true;

    public bool IsFinite => Customers > 0 || Events > 0 || Duration is not null;
}
