namespace TouchpointPipeline.Simulator.Observing;

/// <summary>The app's quarantine on the local folder store (<c>Storage__DataPath</c>/quarantine, one JSON line per event).</summary>
internal static class QuarantineFolder
{
    /// <summary>Quarantined events; null when quarantine is not a local folder.</summary>
    public static long? CountEvents(string? dataPath)
    {
        if (dataPath is not { Length: > 0 })
        {
            return null;
        }

        var folder = Path.Combine(dataPath, "quarantine");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories).Sum(f => (long)File.ReadLines(f).Count(l => l.Length > 0))
            : 0;
    }
}
