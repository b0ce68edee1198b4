namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>
/// Publishing did not confirm every message. <see cref="Unpublished"/> names the messages (indexes into the published
/// list) Event Hubs did not accept; empty when the publisher cannot tell, and then none may be reported as accepted.
/// </summary>
public sealed class EventPublishException : Exception
{
    public EventPublishException()
    {
    }

    public EventPublishException(string message)
        : base(message)
    {
    }

    public EventPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventPublishException(string message, IReadOnlyList<int> unpublished, Exception innerException)
        : base(message, innerException)
    {
        Unpublished = unpublished;
    }

    public IReadOnlyList<int> Unpublished { get; } = [];
}
