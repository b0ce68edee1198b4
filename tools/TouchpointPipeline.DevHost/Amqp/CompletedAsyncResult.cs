namespace TouchpointPipeline.DevHost.Amqp;

/// <summary>The already finished <see cref="IAsyncResult"/> the library's link-open callback pattern asks for.</summary>
internal sealed class CompletedAsyncResult : IAsyncResult
{
    public CompletedAsyncResult(AsyncCallback callback, object? state)
    {
        AsyncState = state;
        callback(this);
    }

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException("Completed synchronously; nothing to wait for.");

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;
}
