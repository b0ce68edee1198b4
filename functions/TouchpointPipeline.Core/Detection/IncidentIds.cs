using System.Security.Cryptography;
using System.Text;

namespace TouchpointPipeline.Core.Detection;

/// <summary>
/// Alert ids: SHA-256 of (rule, customer key, incident event id), 32 hex characters. The incident event is the one that
/// completed the pattern in time order, so every redelivery, every arrival order that sees the same events and every
/// sweep computes the same id, and the store's create-if-absent keeps one alert.
/// </summary>
public static class IncidentIds
{
    public static string For(string ruleId, string customerKey, string incidentEventId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{customerKey}\n{incidentEventId}"), hash);
        return "al-" + Convert.ToHexStringLower(hash[..16]);
    }
}
