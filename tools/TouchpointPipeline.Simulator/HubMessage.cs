namespace TouchpointPipeline.Simulator;

/// <summary>A message read from a hub partition: its sequence number and its body.</summary>
public sealed record HubMessage(long SequenceNumber, string Body);
