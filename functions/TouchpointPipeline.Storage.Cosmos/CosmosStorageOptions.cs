namespace TouchpointPipeline.Storage.Cosmos;

/// <summary>Settings of the Cosmos DB stores (section <c>Cosmos</c>), validated at start.</summary>
public sealed class CosmosStorageOptions
{
    public const string SectionName = "Cosmos";

    /// <summary>The account endpoint, e.g. <c>https://&lt;account&gt;.documents.azure.com:443/</c>. Required.</summary>
    public string? AccountEndpoint { get; set; }

    /// <summary>
    /// The account key, for the emulator and local runs only. When absent the client authenticates with
    /// <c>DefaultAzureCredential</c> (managed identity in Azure).
    /// </summary>
    public string? AccountKey { get; set; }

    /// <summary>The client id of a user-assigned managed identity; absent uses the default credential chain as is.</summary>
    public string? ClientId { get; set; }

    /// <summary>Default <c>touchpoints</c>.</summary>
    public string DatabaseName { get; set; } = "touchpoints";

    /// <summary>Default <c>timeline</c>.</summary>
    public string TimelineContainerName { get; set; } = "timeline";

    /// <summary>Default <c>identities</c>: anonymous → customer links (pk <c>/customerKey</c>).</summary>
    public string IdentitiesContainerName { get; set; } = "identities";

    /// <summary>Default <c>alerts</c>: proactive-support alerts (pk <c>/customerKey</c>).</summary>
    public string AlertsContainerName { get; set; } = "alerts";

    /// <summary>Default <c>state</c>: per-customer detector state and pending absence checks (pk <c>/customerKey</c>).</summary>
    public string StateContainerName { get; set; } = "state";

    /// <summary>
    /// The endpoint is the emulator: Gateway mode limited to the endpoint, and its self-signed certificate is accepted
    /// on https. Default false (Direct mode in Azure).
    /// </summary>
    public bool Emulator { get; set; }

    /// <summary>
    /// Retries of a throttled (429) request inside the SDK, and retries of a write the adapter still sees throttled or
    /// unavailable (429, 503, 408, 449) before the append throws. Default 5.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>
    /// The longest the SDK waits in total on a throttled request, and the longest the adapter waits in total between
    /// its own retries of one write (a longer retry-after is cut to what is left), so a trigger never stalls for the
    /// SDK's default 30 s. Default 5 s.
    /// </summary>
    public TimeSpan MaxRetryWaitTime { get; set; } = TimeSpan.FromSeconds(5);
}
