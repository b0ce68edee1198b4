namespace TouchpointPipeline.Functions.Collector;

/// <summary>An authenticated write key: its configured name (never the key itself) and the sources it may send.</summary>
internal sealed class WriteKeyGrant(string name, IReadOnlyCollection<string> sources)
{
    private readonly HashSet<string> _sources = new(sources, StringComparer.Ordinal);
    private readonly bool _anySource = sources.Contains("*", StringComparer.Ordinal);

    public string Name { get; } = name;

    public bool Allows(string? source) => source is not null && (_anySource || _sources.Contains(source));
}
