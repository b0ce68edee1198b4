namespace TouchpointPipeline.Sdk;

/// <summary>Who wrote a chat message.</summary>
public enum ChatSender
{
    /// <summary>The customer.</summary>
    Customer,

    /// <summary>A human agent.</summary>
    Agent,

    /// <summary>A bot.</summary>
    Bot,
}
