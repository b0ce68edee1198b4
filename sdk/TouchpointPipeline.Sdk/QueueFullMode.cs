namespace TouchpointPipeline.Sdk;

/// <summary>What <see cref="TouchpointClient.TrackAsync(TouchpointEvent, System.Threading.CancellationToken)"/> does when the queue holds <see cref="TouchpointClientOptions.MaxQueueSize"/> events.</summary>
public enum QueueFullMode
{
    /// <summary>Default. The new event is dropped at once, <see cref="TouchpointClient.EventsDropped"/> is raised with <see cref="DropCause.QueueFull"/>, and TrackAsync returns false: the app never waits on telemetry.</summary>
    DropNewest,

    /// <summary>TrackAsync waits for room (or its CancellationToken): no event is lost, the caller is slowed down instead.</summary>
    Wait,
}
