using System.Text.Json;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Sdk.Tests;

/// <summary>Every typed builder produces an event the pipeline's own schema validator accepts.</summary>
public sealed class TouchpointEventsTests
{
    private static readonly Dictionary<string, Func<TouchpointEventBuilder>> Builders = new(StringComparer.Ordinal)
    {
        [EventTypes.PageViewed] = () => TouchpointEvents.PageViewed("https://shop.example/", "Home", "", "/", 1440, 900, 1200),
        [EventTypes.ElementClicked] = () => TouchpointEvents.ElementClicked("#buy", 10, 20.5, "https://shop.example/", "Buy", 0),
        [EventTypes.FormError] = () => TouchpointEvents.FormError("checkout", "iban", "Invalid IBAN", "E42", "https://shop.example/pay"),
        [EventTypes.ClientError] = () => TouchpointEvents.ClientError("TypeError: x is undefined", "at f()", "https://shop.example/", "TypeError", false),
        [EventTypes.SearchPerformed] = () => TouchpointEvents.SearchPerformed("", 0),
        [EventTypes.CheckoutStep] = () => TouchpointEvents.CheckoutStep("payment", 3, 59.90m, "EUR"),
        [EventTypes.PaymentFailed] = () => TouchpointEvents.PaymentFailed(code: "card_declined", amount: 10m, currency: "EUR"),
        [EventTypes.OrderCompleted] = () => TouchpointEvents.OrderCompleted("o-1", 99.5m, "EUR", 2),
        [EventTypes.CustomerIdentified] = () => TouchpointEvents.CustomerIdentified("login").ForAnonymous("visitor-1"),
        [EventTypes.CallQueued] = () => TouchpointEvents.CallQueued("call-1", "billing", "refund"),
        [EventTypes.CallAnswered] = () => TouchpointEvents.CallAnswered("call-1", "agent-7", "billing", 42),
        [EventTypes.CallHeld] = () => TouchpointEvents.CallHeld("call-1", 30, "agent-7"),
        [EventTypes.CallTransferred] = () => TouchpointEvents.CallTransferred("call-1", toQueue: "tier2"),
        [EventTypes.CallEnded] = () => TouchpointEvents.CallEnded("call-1", 612, 45, "resolved", false, "agent-7"),
        [EventTypes.ChatStarted] = () => TouchpointEvents.ChatStarted("chat-1", "https://shop.example/help", "delivery"),
        [EventTypes.ChatMessage] = () => TouchpointEvents.ChatMessage("chat-1", ChatSender.Customer, "Where is my parcel?", "m-1"),
        [EventTypes.ChatTransferred] = () => TouchpointEvents.ChatTransferred("chat-1", toAgent: "agent-3", fromAgent: "bot"),
        [EventTypes.ChatEnded] = () => TouchpointEvents.ChatEnded("chat-1", 4, ChatEndedBy.Customer, 300),
    };

    public static TheoryData<string> Types { get; } = [.. EventTypes.All];

    [Theory]
    [MemberData(nameof(Types))]
    public void Builder_EveryEventType_PassesThePipelinesSchema(string type)
    {
        var e = Builders[type]().ForCustomer("cust-1").InSession("s-1").Build();

        using var json = JsonDocument.Parse(e.ToJson("web/shop"));
        var errors = new List<ValidationError>();

        Assert.Equal(type, e.Type);
        Assert.True(SchemaValidator.LoadEmbedded().Validate(json.RootElement, errors), string.Join("; ", errors));
    }

    [Fact]
    public void Build_WithoutCustomerOrAnonymousId_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => TouchpointEvents.PageViewed("https://shop.example/").Build());
    }

    [Fact]
    public void On_ChannelTheTypeDoesNotAllow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TouchpointEvents.CallQueued("c").On(TouchpointChannel.Web));
    }

    [Fact]
    public void Build_Twice_AssignsDistinctIds()
    {
        var builder = TouchpointEvents.PageViewed("https://shop.example/").ForCustomer("c");

        Assert.NotEqual(builder.Build().Id, builder.Build().Id);
    }

    [Fact]
    public void UserHash_Rfc4231TestCase2_IsTheLowerCaseHexHmacSha256()
    {
        var hash = TouchpointEvents.UserHash("Jefe", "what do ya want for nothing?");

        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hash);
    }

    [Fact]
    public void WithUserHash_Build_SentAsTheUserhashAttribute()
    {
        var e = TouchpointEvents.CustomerIdentified("login").ForCustomer("cust-1").ForAnonymous("visitor-1").WithUserHash("ab12").Build();

        using var json = JsonDocument.Parse(e.ToJson("web/shop"));

        Assert.Equal("ab12", e.UserHash);
        Assert.Equal("ab12", json.RootElement.GetProperty("userhash").GetString());
    }
}
