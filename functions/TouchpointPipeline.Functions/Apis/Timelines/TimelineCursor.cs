using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Functions.Apis.Timelines;

/// <summary>
/// The <c>before</c> parameter of the timeline API: either the opaque <c>next</c> value of the previous page
/// (base64url of a sort key) or an ISO 8601 time ("everything before this moment").
/// </summary>
internal static class TimelineCursor
{
    public static string Encode(string sortKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sortKey));

    public static bool TryDecode(string? before, out string? sortKey, [NotNullWhen(false)] out string? error)
    {
        error = null;
        sortKey = null;
        if (string.IsNullOrEmpty(before))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && before.Contains('T', StringComparison.Ordinal))
        {
            sortKey = TimelineSortKey.Before(time);
            return true;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(before));
            if (decoded.Length > 20 && decoded[19] == '|' && decoded[..19].All(char.IsAsciiDigit))
            {
                sortKey = decoded;
                return true;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        error = "before must be the 'next' value of a previous page or an ISO 8601 date-time.";
        return false;
    }
}
