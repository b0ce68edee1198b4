using PhoneNumbers;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Asks Google's numbering plans (libphonenumber) whether a national-format candidate is a valid number in at least
/// one region: the candidate is parsed as a national number of each region in turn until one plan accepts it. About a
/// millisecond for a candidate no region accepts, so <see cref="PhoneNumberRules"/> calls it only for a candidate a
/// phone word names whose shape alone cannot decide; the plans load on the first such call. Thread-safe.
/// </summary>
internal static class PhoneNumberPlans
{
    private static readonly Lazy<(PhoneNumberUtil Util, string[] Regions)> Plans = new(() =>
    {
        var util = PhoneNumberUtil.GetInstance();
        return (util, [.. util.GetSupportedRegions().Order(StringComparer.Ordinal)]);
    });

    public static bool IsValidInSomeRegion(ReadOnlySpan<char> candidate)
    {
        var (util, regions) = Plans.Value;
        var text = candidate.ToString();
        foreach (var region in regions)
        {
            try
            {
                var number = util.Parse(text, region);
                if (util.IsValidNumberForRegion(number, region))
                {
                    return true;
                }
            }
            catch (NumberParseException)
            {
                // Not a number of this region's shape at all: try the next plan.
            }
        }

        return false;
    }
}
