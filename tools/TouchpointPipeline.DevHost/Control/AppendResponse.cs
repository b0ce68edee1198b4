namespace TouchpointPipeline.DevHost.Control;

/// <summary>The count appended (the shared contract) and where each message landed, in request order.</summary>
internal sealed record AppendResponse(int Appended, IReadOnlyList<AppendedMessage> Messages);
