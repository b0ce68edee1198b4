namespace TouchpointPipeline.DevHost.Control;

/// <summary><c>POST /_devhost/hubs/{hub}/messages</c> body: <c>{"messages":[{"partitionKey":"…","body":"…"}]}</c>.</summary>
internal sealed record AppendRequest(IReadOnlyList<AppendMessage>? Messages);
