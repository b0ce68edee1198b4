namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// The patterns <see cref="JourneyGenerator"/> can build, each named by the id of the rule it is built to match
/// (the rules the app ships: functions/TouchpointPipeline.Functions/rules). <see cref="RulePatterns"/> matches them to
/// the loaded rules, and a test fails when the shipped rules and these ids diverge.
/// </summary>
internal static class PainPatterns
{
    public const string RageClick = "rage-click";
    public const string ErrorClick = "error-click";
    public const string RepeatedErrors = "repeated-errors";
    public const string CheckoutAbandonedAfterError = "checkout-abandoned-after-error";
    public const string RepeatContact = "repeat-contact";
    public const string LongHold = "long-hold";
    public const string AbandonedInQueue = "abandoned-in-queue";
    public const string TransferLoop = "transfer-loop";
    public const string NegativeChat = "negative-chat";
    public const string WorseningChat = "worsening-chat";
    public const string ChannelHopping = "channel-hopping";

    /// <summary>Every pattern, in the order a run rotates through them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        RageClick, ErrorClick, RepeatedErrors, CheckoutAbandonedAfterError, RepeatContact, LongHold,
        AbandonedInQueue, TransferLoop, NegativeChat, WorseningChat, ChannelHopping,
    ];
}
