namespace TouchpointPipeline.Sdk;

/// <summary>Raised by <see cref="TouchpointClient.EventsDropped"/> for events that will not be delivered.</summary>
public sealed class EventsDroppedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public EventsDroppedEventArgs(DropCause cause, IReadOnlyList<DroppedEvent> events, int? status = null, Exception? exception = null)
    {
        Cause = cause;
        Events = events;
        Status = status;
        Exception = exception;
    }

    /// <summary>Why the events were dropped.</summary>
    public DropCause Cause { get; }

    /// <summary>The events, each with its reason.</summary>
    public IReadOnlyList<DroppedEvent> Events { get; }

    /// <summary>The last HTTP status, when a response was received.</summary>
    public int? Status { get; }

    /// <summary>The last network error, when the last attempt failed without a response.</summary>
    public Exception? Exception { get; }
}
