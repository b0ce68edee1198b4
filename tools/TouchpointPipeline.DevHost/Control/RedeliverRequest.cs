namespace TouchpointPipeline.DevHost.Control;

/// <summary>
/// <c>POST /_devhost/redeliver</c>: which consumers crash before their checkpoint (all when every filter is empty) and
/// from where delivery resumes (default: the start of each one's last delivered batch).
/// </summary>
internal sealed record RedeliverRequest(string? Function, string? Hub, string? Partition, long? FromSequenceNumber);
