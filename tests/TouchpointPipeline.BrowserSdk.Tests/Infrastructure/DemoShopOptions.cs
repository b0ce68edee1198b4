namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>The demo shop's query-string options (see sdk/js/README.md); null leaves the page's default.</summary>
internal sealed record DemoShopOptions
{
    /// <summary>The collector's events URL; the page's default is <c>/api/events</c> on its own origin.</summary>
    public Uri? Endpoint { get; init; }

    public string WriteKey { get; init; } = CollectorStub.WriteKey;

    public string? Source { get; init; }

    public int? BatchSize { get; init; }

    /// <summary>Milliseconds; 0 sends as soon as an event is queued.</summary>
    public int? FlushInterval { get; init; } = 0;

    /// <summary>True shows the consent banner and starts the SDK with <c>consent: false</c>.</summary>
    public bool AskConsent { get; init; }

    /// <summary>False starts the SDK with <c>respectDoNotTrack: false</c>.</summary>
    public bool RespectDoNotTrack { get; init; } = true;

    /// <summary><c>fail</c>, <c>ok</c> or <c>random</c> (the page's default).</summary>
    public string? Payment { get; init; }

    public string ToQuery()
    {
        var pairs = new List<string> { "writeKey=" + Uri.EscapeDataString(WriteKey) };
        Add("endpoint", Endpoint?.ToString());
        Add("source", Source);
        Add("batchSize", BatchSize?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("flushInterval", FlushInterval?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("consent", AskConsent ? "ask" : null);
        Add("respectDnt", RespectDoNotTrack ? null : "0");
        Add("payment", Payment);
        return string.Join('&', pairs);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                pairs.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }
}
