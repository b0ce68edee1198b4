namespace TouchpointPipeline.Functions.Collector.CloudEvents;

/// <summary>How a request to <c>POST /api/events</c> carries its events (CloudEvents HTTP protocol binding section 3).</summary>
internal enum CloudEventsMode
{
    /// <summary>Our own envelope <c>{"events":[…],"sentAt":…}</c> (the SDKs' format).</summary>
    None,

    /// <summary><c>application/cloudevents+json</c>: the body is one event in the JSON event format.</summary>
    Structured,

    /// <summary><c>application/cloudevents-batch+json</c>: the body is a JSON array of events.</summary>
    Batched,

    /// <summary><c>ce-*</c> headers carry the attributes, the body is <c>data</c>, <c>Content-Type</c> its media type.</summary>
    Binary,

    /// <summary>A CloudEvents format other than JSON (<c>application/cloudevents+xml</c>, …): answered 415.</summary>
    UnsupportedFormat,
}
