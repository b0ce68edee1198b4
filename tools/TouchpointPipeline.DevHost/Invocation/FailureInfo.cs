namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>Why an attempt failed, as the host would have seen it: an exception type and message.</summary>
internal sealed record FailureInfo(string ExceptionType, string Message, int? StatusCode)
{
    public override string ToString() => StatusCode is { } status ? $"{Message} (HTTP {status})" : Message;
}
