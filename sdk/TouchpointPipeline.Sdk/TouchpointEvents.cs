using System.Text.Json.Nodes;

namespace TouchpointPipeline.Sdk;

/// <summary>
/// Typed builders, one per event type in the pipeline's <c>schemas/</c>: required fields are parameters, optional fields
/// optional parameters (null = left out). Clickstream types default to <see cref="TouchpointChannel.Web"/>
/// (<c>.On(TouchpointChannel.App)</c> for apps); call and chat types have their own channel.
/// </summary>
public static class TouchpointEvents
{
    private static readonly TouchpointChannel[] Clickstream = [TouchpointChannel.Web, TouchpointChannel.App];

    /// <summary><c>page.viewed</c>: a page or app screen was shown.</summary>
    public static TouchpointEventBuilder PageViewed(string url, string? title = null, string? referrer = null, string? path = null, int? screenWidth = null, int? screenHeight = null, double? durationMs = null)
    {
        var data = Data(("url", Req(url, nameof(url))), ("title", title), ("referrer", referrer), ("path", path), ("durationMs", durationMs));
        if (screenWidth is not null || screenHeight is not null)
        {
            data["screen"] = Data(("width", screenWidth), ("height", screenHeight));
        }

        return new("page.viewed", data, Clickstream);
    }

    /// <summary><c>element.clicked</c>: a click at (x, y) CSS pixels on an element.</summary>
    public static TouchpointEventBuilder ElementClicked(string selector, double x, double y, string url, string? text = null, int? button = null) =>
        new("element.clicked", Data(("selector", Req(selector, nameof(selector))), ("x", NonNegative(x, nameof(x))), ("y", NonNegative(y, nameof(y))), ("url", Req(url, nameof(url))), ("text", text), ("button", button)), Clickstream);

    /// <summary><c>form.error</c>: a validation error shown on a form field.</summary>
    public static TouchpointEventBuilder FormError(string form, string field, string message, string? code = null, string? url = null) =>
        new("form.error", Data(("form", Req(form, nameof(form))), ("field", Req(field, nameof(field))), ("message", Req(message, nameof(message))), ("code", code), ("url", url)), Clickstream);

    /// <summary><c>client.error</c>: an error in the page or app.</summary>
    public static TouchpointEventBuilder ClientError(string message, string? stack = null, string? url = null, string? errorType = null, bool? handled = null) =>
        new("client.error", Data(("message", Req(message, nameof(message))), ("stack", stack), ("url", url), ("errorType", errorType), ("handled", handled)), Clickstream);

    /// <summary><c>search.performed</c>: a search (an empty query means browse all).</summary>
    public static TouchpointEventBuilder SearchPerformed(string query, int? resultCount = null, string? url = null) =>
        new("search.performed", Data(("query", query ?? throw new ArgumentNullException(nameof(query))), ("resultCount", resultCount), ("url", url)), Clickstream);

    /// <summary><c>checkout.step</c>: a checkout step reached (cart, address, shipping, payment, review).</summary>
    public static TouchpointEventBuilder CheckoutStep(string step, int? stepIndex = null, decimal? cartValue = null, string? currency = null) =>
        new("checkout.step", Data(("step", Req(step, nameof(step))), ("stepIndex", stepIndex), ("cartValue", cartValue), ("currency", currency)), Clickstream);

    /// <summary><c>payment.failed</c>: a failed payment; give a reason, a code, or both.</summary>
    public static TouchpointEventBuilder PaymentFailed(string? reason = null, string? code = null, decimal? amount = null, string? currency = null, string? paymentMethod = null, string? orderId = null)
    {
        if (string.IsNullOrEmpty(reason) && string.IsNullOrEmpty(code))
        {
            throw new ArgumentException("payment.failed needs a reason or a code.", nameof(reason));
        }

        return new("payment.failed", Data(("reason", reason), ("code", code), ("amount", amount), ("currency", currency), ("paymentMethod", paymentMethod), ("orderId", orderId)), Clickstream);
    }

    /// <summary><c>order.completed</c>: an order placed.</summary>
    public static TouchpointEventBuilder OrderCompleted(string orderId, decimal? amount = null, string? currency = null, int? itemCount = null) =>
        new("order.completed", Data(("orderId", Req(orderId, nameof(orderId))), ("amount", amount), ("currency", currency), ("itemCount", itemCount)), Clickstream);

    /// <summary>
    /// The identity verification hash of <paramref name="customerId"/>: lower-case hex of HMAC-SHA256 keyed with the
    /// write key's identity secret (<c>Collector__WriteKeys__&lt;name&gt;__IdentitySecret</c>). Compute it on your back end
    /// only (the secret must never reach a browser or app) and pass it with <see cref="TouchpointEventBuilder.WithUserHash"/>,
    /// or hand it to the page for the browser SDK's <c>identify(id, data, { userHash })</c>.
    /// </summary>
    public static string UserHash(string identitySecret, string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(identitySecret);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(identitySecret), System.Text.Encoding.UTF8.GetBytes(customerId)));
    }

    /// <summary><c>customer.identified</c>: the anonymous visitor is now a known customer; set both ForAnonymous and ForCustomer.</summary>
    public static TouchpointEventBuilder CustomerIdentified(string? method = null) =>
        new("customer.identified", Data(("method", method)), Clickstream);

    /// <summary><c>call.queued</c>: a call entered a queue.</summary>
    public static TouchpointEventBuilder CallQueued(string callId, string? queue = null, string? reason = null) =>
        new("call.queued", Data(("callId", Req(callId, nameof(callId))), ("queue", queue), ("reason", reason)), TouchpointChannel.Call);

    /// <summary><c>call.answered</c>: an agent answered.</summary>
    public static TouchpointEventBuilder CallAnswered(string callId, string agentId, string? queue = null, double? waitSeconds = null) =>
        new("call.answered", Data(("callId", Req(callId, nameof(callId))), ("agentId", Req(agentId, nameof(agentId))), ("queue", queue), ("waitSeconds", waitSeconds)), TouchpointChannel.Call);

    /// <summary><c>call.held</c>: the caller was put on hold.</summary>
    public static TouchpointEventBuilder CallHeld(string callId, double holdSeconds, string? agentId = null) =>
        new("call.held", Data(("callId", Req(callId, nameof(callId))), ("holdSeconds", NonNegative(holdSeconds, nameof(holdSeconds))), ("agentId", agentId)), TouchpointChannel.Call);

    /// <summary><c>call.transferred</c>: the call went to another queue or agent (give at least one).</summary>
    public static TouchpointEventBuilder CallTransferred(string callId, string? toQueue = null, string? toAgent = null, string? fromAgent = null)
    {
        if (string.IsNullOrEmpty(toQueue) && string.IsNullOrEmpty(toAgent))
        {
            throw new ArgumentException("call.transferred needs toQueue or toAgent.", nameof(toQueue));
        }

        return new("call.transferred", Data(("callId", Req(callId, nameof(callId))), ("toQueue", toQueue), ("toAgent", toAgent), ("fromAgent", fromAgent)), TouchpointChannel.Call);
    }

    /// <summary><c>call.ended</c>: the call's outcome.</summary>
    public static TouchpointEventBuilder CallEnded(string callId, double durationSeconds, double holdSeconds, string disposition, bool abandoned, string? agentId = null) =>
        new("call.ended", Data(("callId", Req(callId, nameof(callId))), ("durationSeconds", NonNegative(durationSeconds, nameof(durationSeconds))), ("holdSeconds", NonNegative(holdSeconds, nameof(holdSeconds))), ("disposition", Req(disposition, nameof(disposition))), ("abandoned", abandoned), ("agentId", agentId)), TouchpointChannel.Call);

    /// <summary><c>chat.started</c>: a chat conversation opened.</summary>
    public static TouchpointEventBuilder ChatStarted(string chatId, string? entryUrl = null, string? topic = null) =>
        new("chat.started", Data(("chatId", Req(chatId, nameof(chatId))), ("entryUrl", entryUrl), ("topic", topic)), TouchpointChannel.Chat);

    /// <summary><c>chat.message</c>: one message; <paramref name="sender"/> is customer, agent or bot.</summary>
    public static TouchpointEventBuilder ChatMessage(string chatId, ChatSender sender, string text, string? messageId = null, string? agentId = null) =>
        new("chat.message", Data(("chatId", Req(chatId, nameof(chatId))), ("sender", Wire(sender)), ("text", Req(text, nameof(text))), ("messageId", messageId), ("agentId", agentId)), TouchpointChannel.Chat);

    /// <summary><c>chat.transferred</c>: the chat was handed over.</summary>
    public static TouchpointEventBuilder ChatTransferred(string chatId, string? toQueue = null, string? toAgent = null, string? fromAgent = null) =>
        new("chat.transferred", Data(("chatId", Req(chatId, nameof(chatId))), ("toQueue", toQueue), ("toAgent", toAgent), ("fromAgent", fromAgent)), TouchpointChannel.Chat);

    /// <summary><c>chat.ended</c>: the chat's outcome; <paramref name="csat"/> 1 (worst) to 5.</summary>
    public static TouchpointEventBuilder ChatEnded(string chatId, int? csat = null, ChatEndedBy? endedBy = null, double? durationSeconds = null)
    {
        if (csat is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(csat), csat, "csat must be 1 to 5.");
        }

        return new("chat.ended", Data(("chatId", Req(chatId, nameof(chatId))), ("csat", csat), ("endedBy", endedBy?.ToString().ToLowerInvariant()), ("durationSeconds", durationSeconds)), TouchpointChannel.Chat);
    }

    private static string Wire(ChatSender sender) => sender switch
    {
        ChatSender.Customer => "customer",
        ChatSender.Agent => "agent",
        ChatSender.Bot => "bot",
        _ => throw new ArgumentOutOfRangeException(nameof(sender), sender, "Unknown sender."),
    };

    private static string Req(string value, string name) => TouchpointEventBuilder.Required(value, name);

    private static double NonNegative(double value, string name) =>
        value < 0 || double.IsNaN(value) || double.IsInfinity(value) ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0.") : value;

    private static JsonObject Data(params (string Name, object? Value)[] fields)
    {
        var data = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                data[name] = value switch
                {
                    string s => JsonValue.Create(s),
                    int i => JsonValue.Create(i),
                    double d => JsonValue.Create(d),
                    decimal m => JsonValue.Create(m),
                    bool b => JsonValue.Create(b),
                    JsonNode node => node,
                    _ => throw new ArgumentException($"Unsupported data value type {value.GetType()}.", name),
                };
            }
        }

        return data;
    }
}
