namespace TouchpointPipeline.Core.Privacy;

/// <summary>A quarantined event or parked batch that names a data subject: where it is and its stored JSON.</summary>
public sealed record DeadLetterRecord(string Store, string Name, string Json);
