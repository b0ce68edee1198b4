using System.Globalization;
using System.Text;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Tests.Detection;

/// <summary>Timeline items as the pipeline stores them, at offsets from <see cref="DetectionHarness.T0"/>.</summary>
internal static class ScenarioEvents
{
    public const string Customer = "cust-42";

    public static TimelineItem Item(string id, string type, Channel channel, TimeSpan at, string data, string? enrichment = null, string customer = Customer) => new()
    {
        CustomerKey = customer,
        Id = id,
        Type = type,
        Channel = channel,
        Source = "test",
        Time = DetectionHarness.T0 + at,
        ReceivedAt = DetectionHarness.T0 + at,
        Data = Encoding.UTF8.GetBytes(data),
        Enrichment = enrichment is null ? default : Encoding.UTF8.GetBytes(enrichment),
    };

    public static TimelineItem Click(string id, double seconds, string selector = "#pay", double x = 100, double y = 100) =>
        Item(id, EventTypes.ElementClicked, Channel.Web, TimeSpan.FromSeconds(seconds),
            Invariant($$"""{"selector":"{{selector}}","x":{{x}},"y":{{y}},"url":"https://shop.example/checkout"}"""));

    public static TimelineItem ClientError(string id, double seconds) =>
        Item(id, EventTypes.ClientError, Channel.Web, TimeSpan.FromSeconds(seconds), """{"message":"TypeError: x is undefined"}""");

    public static TimelineItem FormError(string id, double minutes) =>
        Item(id, EventTypes.FormError, Channel.Web, TimeSpan.FromMinutes(minutes), """{"form":"address","field":"zip","message":"Invalid postcode"}""");

    public static TimelineItem PaymentFailed(string id, double minutes) =>
        Item(id, EventTypes.PaymentFailed, Channel.Web, TimeSpan.FromMinutes(minutes), """{"code":"card_declined"}""");

    public static TimelineItem OrderCompleted(string id, double minutes) =>
        Item(id, EventTypes.OrderCompleted, Channel.Web, TimeSpan.FromMinutes(minutes), """{"orderId":"o-1"}""");

    public static TimelineItem CallQueued(string id, TimeSpan at, string callId) =>
        Item(id, EventTypes.CallQueued, Channel.Call, at, $$"""{"callId":"{{callId}}","queue":"billing"}""");

    public static TimelineItem CallAnswered(string id, TimeSpan at, string callId) =>
        Item(id, EventTypes.CallAnswered, Channel.Call, at, $$"""{"callId":"{{callId}}","agentId":"a-1"}""");

    public static TimelineItem CallHeld(string id, double minutes, string callId, double holdSeconds) =>
        Item(id, EventTypes.CallHeld, Channel.Call, TimeSpan.FromMinutes(minutes), Invariant($$"""{"callId":"{{callId}}","holdSeconds":{{holdSeconds}}}"""));

    public static TimelineItem CallEnded(string id, double minutes, string callId, bool abandoned, double holdSeconds = 0) =>
        Item(id, EventTypes.CallEnded, Channel.Call, TimeSpan.FromMinutes(minutes),
            Invariant($$"""{"callId":"{{callId}}","durationSeconds":90,"holdSeconds":{{holdSeconds}},"disposition":"{{(abandoned ? "abandoned-in-queue" : "resolved")}}","abandoned":{{(abandoned ? "true" : "false")}}}"""));

    public static TimelineItem CallTransferred(string id, double minutes, string callId) =>
        Item(id, EventTypes.CallTransferred, Channel.Call, TimeSpan.FromMinutes(minutes), $$"""{"callId":"{{callId}}","toQueue":"tier2"}""");

    public static TimelineItem ChatStarted(string id, TimeSpan at, string chatId) =>
        Item(id, EventTypes.ChatStarted, Channel.Chat, at, $$"""{"chatId":"{{chatId}}"}""");

    public static TimelineItem ChatMessage(string id, double minutes, string chatId, double score, string sender = "customer") =>
        Item(id, EventTypes.ChatMessage, Channel.Chat, TimeSpan.FromMinutes(minutes), $$"""{"chatId":"{{chatId}}","sender":"{{sender}}","text":"…"}""",
            sender == "customer" ? Invariant($$$"""{"sentiment":{"score":{{{score}}},"label":"x"}}""") : null);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
