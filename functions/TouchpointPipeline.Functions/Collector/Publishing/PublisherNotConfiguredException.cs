namespace TouchpointPipeline.Functions.Collector.Publishing;

/// <summary>The app has no publisher settings; a configuration problem, not a transient failure.</summary>
public sealed class PublisherNotConfiguredException : Exception
{
    public PublisherNotConfiguredException()
    {
    }

    public PublisherNotConfiguredException(string message)
        : base(message)
    {
    }

    public PublisherNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
