namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>Publishing did not confirm every message; nothing of the batch may be reported as accepted.</summary>
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
}
