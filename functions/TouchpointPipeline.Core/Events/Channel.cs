namespace TouchpointPipeline.Core.Events;

/// <summary>Where a touchpoint happened. Wire names are lower case (<c>web</c>, <c>app</c>, <c>call</c>, <c>chat</c>).</summary>
public enum Channel
{
    Web,
    App,
    Call,
    Chat,
}
