using System.Buffers;
using System.Text.Json;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>
/// Replaces PII in the free-text fields of an event's <c>data</c> by typed placeholders, in one forward pass; the
/// object is rewritten only when something was redacted, which is rare.
/// </summary>
internal sealed class EventDataRedactor(PiiRedactor redactor)
{
    // Fields that carry text typed or seen by a person, or URLs whose query strings often carry e-mails.
    private static readonly Dictionary<string, string[]> FreeTextFields = new(StringComparer.Ordinal)
    {
        [EventTypes.ChatMessage] = ["text"],
        [EventTypes.FormError] = ["message", "url"],
        [EventTypes.ClientError] = ["message", "stack", "url"],
        [EventTypes.SearchPerformed] = ["query", "url"],
        [EventTypes.PageViewed] = ["url", "referrer", "title"],
        [EventTypes.ElementClicked] = ["url", "text"],
        [EventTypes.PaymentFailed] = ["reason"],
        [EventTypes.ChatStarted] = ["entryUrl", "topic"],
    };

    private static readonly HashSet<string> UrlFields = new(StringComparer.Ordinal) { "url", "referrer", "entryUrl" };

    // Longer escaped values skip the quick test and are scanned in full.
    private const int MaxStackScan = 2048;

    /// <summary>
    /// The event's <c>data</c> with PII redacted (the same memory when nothing was found). <paramref name="customerText"/>
    /// is the redacted text of a customer's chat message, for sentiment; null for anything else.
    /// </summary>
    public ReadOnlyMemory<byte> Redact(string eventType, ReadOnlyMemory<byte> data, ref RedactionCounts counts, out string? customerText)
    {
        customerText = null;
        return FreeTextFields.TryGetValue(eventType, out var fields)
            ? Redact(data, fields, eventType == EventTypes.ChatMessage, ref counts, out customerText)
            : data;
    }

    private ReadOnlyMemory<byte> Redact(
        ReadOnlyMemory<byte> data, string[] fields, bool chatMessage, ref RedactionCounts counts, out string? customerText)
    {
        Dictionary<string, string>? replaced = null;
        string? text = null;
        var fromCustomer = false;
        var reader = new Utf8JsonReader(data.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(ref reader, fields);
            var isSender = chatMessage && field is null && reader.ValueTextEquals("sender"u8);
            reader.Read();
            if (field is not null && reader.TokenType == JsonTokenType.String
                && !(chatMessage && field == "text") && !MayContainPii(ref reader))
            {
                // Nothing to redact: no string allocated, no URL split (most URLs, titles and button texts).
            }
            else if (field is not null && reader.TokenType == JsonTokenType.String)
            {
                var original = reader.GetString()!;
                var result = UrlFields.Contains(field) ? RedactUrl(original) : redactor.RedactWithCounts(original);
                if (result.Total > 0)
                {
                    (replaced ??= new Dictionary<string, string>(StringComparer.Ordinal))[field] = result.Text;
                    counts.Add(result);
                }

                if (chatMessage && field == "text")
                {
                    text = result.Total > 0 ? result.Text : original;
                }
            }
            else if (isSender && reader.TokenType == JsonTokenType.String)
            {
                fromCustomer = reader.ValueTextEquals("customer"u8);
            }
            else
            {
                reader.Skip();
            }
        }

        customerText = fromCustomer ? text : null;
        return replaced is null ? data : Rewrite(data, replaced);
    }

    private static bool MayContainPii(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return PiiRedactor.MayContainPii(reader.ValueSpan);
        }

        // Emitters escape freely (System.Text.Json writes & and non-ASCII as \uXXXX): test the unescaped text, on the stack.
        if (reader.ValueSpan.Length > MaxStackScan)
        {
            return true;
        }

        Span<byte> unescaped = stackalloc byte[MaxStackScan];
        var length = reader.CopyString(unescaped);
        return PiiRedactor.MayContainPii(unescaped[..length]);
    }

    private static string? Match(ref Utf8JsonReader reader, string[] fields)
    {
        foreach (var field in fields)
        {
            if (reader.ValueTextEquals(field))
            {
                return field;
            }
        }

        return null;
    }

    private static ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> data, Dictionary<string, string> replaced)
    {
        using var document = JsonDocument.Parse(data);
        var buffer = new ArrayBufferWriter<byte>(data.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (replaced.TryGetValue(property.Name, out var text))
                {
                    writer.WriteString(property.Name, text);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Query strings carry PII percent-encoded and glued to <c>name=</c> (<c>?q=jane%40example.com</c>): each parameter
    /// value is decoded and scanned on its own; the URL is kept exactly as sent when nothing is found.
    /// </summary>
    private RedactionResult RedactUrl(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var head = redactor.RedactWithCounts(query < 0 ? url : url[..query]);
        if (query < 0)
        {
            return head;
        }

        var total = head;
        var parts = url[(query + 1)..].Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            var value = Uri.UnescapeDataString((eq < 0 ? parts[i] : parts[i][(eq + 1)..]).Replace('+', ' '));
            var result = redactor.RedactWithCounts(value);
            if (result.Total > 0)
            {
                parts[i] = (eq < 0 ? string.Empty : parts[i][..(eq + 1)]) + Uri.EscapeDataString(result.Text);
                total = total with
                {
                    Emails = total.Emails + result.Emails, Phones = total.Phones + result.Phones,
                    Cards = total.Cards + result.Cards, Ibans = total.Ibans + result.Ibans,
                };
            }
        }

        return total.Total == 0 ? new RedactionResult(url, 0, 0, 0, 0) : total with { Text = total.Text + "?" + string.Join('&', parts) };
    }
}
