using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TouchpointPipeline.Core.Enrichment.Sessions;

/// <summary>
/// Assigned session ids carry their start time and are derived from the first event, so a redelivered batch gets
/// exactly the same ids and a later batch can continue a session from the stored items alone:
/// <c>auto-20261120T095900123Z-1a2b3c4d</c>.
/// </summary>
public static class SessionIds
{
    public const string Prefix = "auto-";
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public static string New(string customerKey, string firstEventId, DateTimeOffset start)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(customerKey + "\n" + firstEventId));
        return Prefix + start.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash, 0, 4);
    }

    /// <summary>The start of an assigned session; false for emitter-provided ids.</summary>
    public static bool TryGetStart(string? sessionId, out DateTimeOffset start)
    {
        start = default;
        if (sessionId is null || !sessionId.StartsWith(Prefix, StringComparison.Ordinal) || sessionId.Length < Prefix.Length + 19)
        {
            return false;
        }

        var text = sessionId.AsSpan(Prefix.Length, 19);
        if (!DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        start = new DateTimeOffset(parsed, TimeSpan.Zero);
        return true;
    }
}
