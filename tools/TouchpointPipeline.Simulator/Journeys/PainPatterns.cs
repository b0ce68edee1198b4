namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>The injected patterns, one per shipped default rule (functions/TouchpointPipeline.Functions/rules).</summary>
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

    public static readonly IReadOnlyList<string> All =
    [
        RageClick, ErrorClick, RepeatedErrors, CheckoutAbandonedAfterError, RepeatContact, LongHold,
        AbandonedInQueue, TransferLoop, NegativeChat, WorseningChat, ChannelHopping,
    ];

    /// <summary>
    /// The absence rule is judged by the SweepPatterns timer after its 30-minute window (plus grace), so its journey
    /// is dated 40 minutes in the past and its alert follows the next sweep, not the triggering event.
    /// </summary>
    public static bool IsSweepRaised(string rule) => rule == CheckoutAbandonedAfterError;
}
