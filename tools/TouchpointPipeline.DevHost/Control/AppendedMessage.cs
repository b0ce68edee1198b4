namespace TouchpointPipeline.DevHost.Control;

/// <summary>Where an appended message landed.</summary>
internal sealed record AppendedMessage(string Partition, long SequenceNumber);
