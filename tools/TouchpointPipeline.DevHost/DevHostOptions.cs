using System.ComponentModel.DataAnnotations;

namespace TouchpointPipeline.DevHost;

/// <summary>The dev host's own settings (section <c>DevHost</c>; command-line switches map onto them, see Program.cs).</summary>
internal sealed class DevHostOptions
{
    public const string SectionName = "DevHost";

    /// <summary>Port the dev host listens on (as <c>func start</c>: 7071). 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 7071;

    /// <summary>
    /// Port of the AMQP listener that takes <c>EventHubProducerClient</c> sends (plain TCP; 0 picks a free port). Not 5672,
    /// so the dev host and the Event Hubs emulator can run side by side.
    /// </summary>
    [Range(0, 65535)]
    public int AmqpPort { get; set; } = 5673;

    /// <summary>Largest AMQP message (a single event or a whole batch) the hubs take, in bytes, as the service's 1 MB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>An AMQP connection that sends nothing (not even heartbeats) for this long is closed, as the service does.</summary>
    public TimeSpan AmqpIdleTimeout { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Partitions per event hub.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 4;

    /// <summary>The function app folder (host.json + function folders). Default: the app's build output.</summary>
    public string? AppPath { get; set; }

    /// <summary>A local.settings.json-style file whose <c>Values</c> are laid over the embedded defaults.</summary>
    public string? SettingsPath { get; set; }

    /// <summary>Folder for the embedded stores (SQLite, quarantine, parked) unless the settings say otherwise.</summary>
    public string DataPath { get; set; } = ".touchpoint-data";

    /// <summary>The browser SDK folder (<c>sdk/js</c>) whose <c>demo</c> and <c>dist</c> are served at /demo/ and /dist/. Default: the repository's.</summary>
    public string? SdkPath { get; set; }

    /// <summary>An already running handler to use instead of starting the app (to debug the app in an IDE).</summary>
    public Uri? HandlerUrl { get; set; }

    /// <summary>Simulate a crash before checkpoint after every Nth batch of each partition (0: never).</summary>
    [Range(0, int.MaxValue)]
    public int RedeliverEvery { get; set; }

    /// <summary>How long the app may take to answer <c>GET /</c> after start (the host's default is 30 s).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
