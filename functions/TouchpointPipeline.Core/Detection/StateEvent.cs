namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// The compact copy of a relevant event kept in detector state: identity, time, and only the fields some rule reads
/// (as invariant strings), so the state stays small however chatty the payloads are.
/// </summary>
public sealed record StateEvent(string Id, string Type, string Channel, DateTimeOffset Time, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>Time order with the id as tie-break: the one order every evaluation uses, whatever the arrival order.</summary>
    public static int Compare(StateEvent? a, StateEvent? b) =>
        a is null || b is null ? Comparer<StateEvent?>.Default.Compare(a, b)
        : a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Id, b.Id);

    public string? Field(string path) => Fields.TryGetValue(path, out var value) ? value : null;
}
