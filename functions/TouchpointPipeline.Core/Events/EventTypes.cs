namespace TouchpointPipeline.Core.Events;

/// <summary>
/// The touchpoint event types. Each has a JSON Schema in <c>/schemas/&lt;type&gt;.schema.json</c>, which the validator
/// compiles at start; these constants exist so code never spells a type name twice.
/// </summary>
public static class EventTypes
{
    public const string PageViewed = "page.viewed";
    public const string ElementClicked = "element.clicked";
    public const string FormError = "form.error";
    public const string ClientError = "client.error";
    public const string SearchPerformed = "search.performed";
    public const string CheckoutStep = "checkout.step";
    public const string PaymentFailed = "payment.failed";
    public const string OrderCompleted = "order.completed";
    public const string CustomerIdentified = "customer.identified";

    public const string CallQueued = "call.queued";
    public const string CallAnswered = "call.answered";
    public const string CallHeld = "call.held";
    public const string CallTransferred = "call.transferred";
    public const string CallEnded = "call.ended";

    public const string ChatStarted = "chat.started";
    public const string ChatMessage = "chat.message";
    public const string ChatTransferred = "chat.transferred";
    public const string ChatEnded = "chat.ended";

    /// <summary>Every known type, in schema-file order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PageViewed, ElementClicked, FormError, ClientError, SearchPerformed, CheckoutStep, PaymentFailed,
        OrderCompleted, CustomerIdentified,
        CallQueued, CallAnswered, CallHeld, CallTransferred, CallEnded,
        ChatStarted, ChatMessage, ChatTransferred, ChatEnded,
    ];
}
