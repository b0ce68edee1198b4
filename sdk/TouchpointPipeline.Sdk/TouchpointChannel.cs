namespace TouchpointPipeline.Sdk;

/// <summary>Where a touchpoint happened; sent as <c>web</c>, <c>app</c>, <c>call</c> or <c>chat</c>.</summary>
public enum TouchpointChannel
{
    /// <summary>A website.</summary>
    Web,

    /// <summary>A mobile or desktop app.</summary>
    App,

    /// <summary>A contact-centre call.</summary>
    Call,

    /// <summary>A chat conversation.</summary>
    Chat,
}
