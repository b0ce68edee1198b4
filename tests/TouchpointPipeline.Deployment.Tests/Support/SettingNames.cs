namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// The setting names the app reads besides those in function.json, and where each must be set. A name counts as
/// set when it is present as is, or (for connections) as an identity-based section <c>Name__property</c>.
/// </summary>
public static class SettingNames
{
    /// <summary>Read in Azure and locally.</summary>
    public static IReadOnlyList<string> Everywhere { get; } =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "AzureWebJobsStorage",
        "EventHubConnection",
        "ClickstreamHubName",
        "CallsHubName",
        "ChatsHubName",
        "AlertsHubName",
        "IngestConsumerGroup",
        "Storage__Provider",
        "Cosmos__AccountEndpoint",
        "Cosmos__DatabaseName",
        "DeadLetterStorage",
        "Validation__MaxEventBytes",
        "Validation__MaxLateness",
        "Validation__MaxFuture",
        "Enrichment__Pii__Salt",
        "Logging__LogLevel__Microsoft.AspNetCore",
    ];

    /// <summary>Set only in Azure (identity-based connections, managed identity, Entra ID telemetry).</summary>
    public static IReadOnlyList<string> AzureOnly { get; } =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "EventHubConnection__fullyQualifiedNamespace",
        "EventHubConnection__credential",
        "EventHubConnection__clientId",
        "Cosmos__ClientId",
        "DeadLetterStorage__blobServiceUri",
        "DeadLetterStorage__clientId",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_CLIENT_ID",
    ];

    /// <summary>Emulator or SQLite settings: set locally, never in Azure.</summary>
    public static IReadOnlyList<string> LocalOnly { get; } =
    [
        "Storage__DataPath",
        "Cosmos__AccountKey",
        "Cosmos__Emulator",
        // A clearly-local placeholder key; in Azure write keys are set per deployment (docs/collector.md).
        "Collector__WriteKeys__local__Key",
        "Collector__WriteKeys__local__Kind",
        "Collector__WriteKeys__local__Sources__0",
        "Collector__AllowedOrigins__0",
    ];

    public static bool IsSet(string name, IEnumerable<string> settingNames) =>
        settingNames.Any(setting =>
            string.Equals(setting, name, StringComparison.Ordinal)
            || setting.StartsWith(name + "__", StringComparison.Ordinal));
}
