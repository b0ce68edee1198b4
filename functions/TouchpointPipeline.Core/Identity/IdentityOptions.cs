using System.ComponentModel.DataAnnotations;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Core.Identity;

/// <summary>Identity stitching guards, after Segment's Unify rules and PostHog's merge rules.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Enrichment:Identity";

    /// <summary>
    /// Anonymous ids that identify nobody: SDK bugs and placeholders. Compared case-insensitively after trimming; an id
    /// made only of zeros and dashes (<c>0</c>, <c>000-000</c>, the all-zero GUID) is always blocked as well.
    /// </summary>
    public IList<string> BlockedIds { get; } = ["null", "undefined", "anonymous", "-1", "0", "none", "nil", "unknown", "guest", "n/a"];

    /// <summary>At most this many anonymous ids are linked to one customer per <see cref="LinkWindow"/> (shared devices). Default 5, Segment's weekly limit.</summary>
    [Range(1, 1000)]
    public int MaxLinksPerCustomer { get; set; } = 5;

    /// <summary>The window of <see cref="MaxLinksPerCustomer"/>. Default 7 days.</summary>
    public TimeSpan LinkWindow { get; set; } = TimeSpan.FromDays(7);

    public IdentityLinkPolicy Policy => new(MaxLinksPerCustomer, LinkWindow);

    public bool IsBlocked(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return true;
        }

        var trimmed = id.AsSpan().Trim();
        if (!trimmed.ContainsAnyExcept('0', '-'))
        {
            return true;
        }

        foreach (var blocked in BlockedIds)
        {
            if (trimmed.Equals(blocked, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
