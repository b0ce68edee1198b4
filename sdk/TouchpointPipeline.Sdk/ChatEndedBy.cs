namespace TouchpointPipeline.Sdk;

/// <summary>Who ended a chat.</summary>
public enum ChatEndedBy
{
    /// <summary>The customer.</summary>
    Customer,

    /// <summary>A human agent.</summary>
    Agent,

    /// <summary>A bot.</summary>
    Bot,

    /// <summary>The chat platform (timeout).</summary>
    System,
}
