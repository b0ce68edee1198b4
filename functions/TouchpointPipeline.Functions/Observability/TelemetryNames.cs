using TouchpointPipeline.Core.Pipeline;

namespace TouchpointPipeline.Functions.Observability;

/// <summary>The meters and activity sources the app exports, and the settings that turn the export on.</summary>
internal static class TelemetryNames
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD;ClientId=&lt;user-assigned identity&gt;</c>, as infra/app/api.bicep sets it.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// The Cosmos adapter's own meter (<c>touchpoint.cosmos.request_charge</c>); listed here so its instruments are
    /// exported and served locally as soon as the adapter records them.
    /// </summary>
    public const string CosmosMeterName = "TouchpointPipeline.Cosmos";

    public static readonly string[] MeterNames = [PipelineMetrics.MeterName, CosmosMeterName];

    /// <summary>
    /// Azure SDK clients (Blob: <c>Azure.Storage.Blobs.*</c>, Event Hubs: <c>Azure.Messaging.EventHubs.*</c>, Identity)
    /// and the Cosmos SDK's operation spans (<c>Azure.Cosmos.Operation</c>, on by default since Cosmos 3.36).
    /// </summary>
    public static readonly string[] ActivitySources = ["Azure.*", "Azure.Cosmos.Operation"];

    /// <summary>The Azure SDKs only create activities while this switch is on.</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>The host's invocation id header on trigger invocations (docs/host-protocol.md §2.1).</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>The host's invocation id on proxied HTTP requests (docs/host-protocol.md §6.3).</summary>
    public const string ForwardedInvocationIdHeader = "x-ms-invocation-id";

    /// <summary>OpenTelemetry's FaaS semantic convention attribute for the invocation id.</summary>
    public const string InvocationIdAttribute = "faas.invocation_id";
}
