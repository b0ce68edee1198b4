namespace TouchpointPipeline.Functions.Apis.Alerts;

/// <summary>The body of acknowledge/resolve: who did it (an agent id or name; function keys carry no identity).</summary>
internal sealed record AlertActionRequest(string? By);
