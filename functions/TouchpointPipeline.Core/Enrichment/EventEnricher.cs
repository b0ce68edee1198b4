using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using TouchpointPipeline.Core.Enrichment.Devices;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Enrichment.Sentiment;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Enrichment;

/// <summary>
/// The stateless per-event enrichment, before anything is stored: PII in free text is replaced by typed placeholders
/// in <c>data</c>; a customer's chat message gets a sentiment score (computed on the redacted text, whose placeholders
/// are neutral); clickstream events get a device from their user agent. Results go to the event's
/// <see cref="TouchpointEvent.Enrichment"/> object; <c>data</c> is rewritten only when something was redacted.
/// Identifiers configured as personal data (an e-mail used as <c>customerid</c>) are replaced by their salted hash
/// first, so the customer key, every store and every lookup only ever see the hash.
/// </summary>
public sealed class EventEnricher(PiiRedactor redactor, ISentimentScorer sentiment, PiiHasher hasher)
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

    /// <summary>Distinct user agents remembered before the cache starts over: a few hundred cover most real traffic.</summary>
    internal const int DeviceCacheSize = 4096;

    // Longer escaped values skip the quick test and are scanned in full.
    private const int MaxStackScan = 2048;

    // User agent -> its "device" JSON object, and the whole enrichment object of an event that has only a device (most
    // clicks and page views). Real traffic repeats a few hundred user-agent strings, and parsing one costs ~30
    // case-insensitive scans (~2-5 µs, more than the rest of the enrichment), so each is parsed and written once.
    private readonly ConcurrentDictionary<string, DeviceJson> _devices = new(StringComparer.Ordinal);

    public TouchpointEvent Enrich(TouchpointEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e = ProtectIdentifiers(e);
        var redactions = new RedactionCounts();
        var data = e.Data;
        string? customerText = null;
        if (FreeTextFields.TryGetValue(e.Type, out var fields))
        {
            data = Redact(e.Data, fields, e.Type == EventTypes.ChatMessage, ref redactions, out customerText);
        }

        SentimentScore? score = customerText is { Length: > 0 } ? sentiment.Score(customerText) : null;
        var device = e.Channel is Channel.Web or Channel.App && e.UserAgent is { Length: > 0 } ua ? Device(ua) : null;
        if (score is null && redactions.Total == 0)
        {
            return device is null ? e : e with { Enrichment = device.EnrichmentOnly };
        }

        return e with { Data = data, Enrichment = WriteEnrichment(device?.Device, score, redactions) };
    }

    /// <summary>
    /// Hashes the ids that <see cref="PiiOptions"/> marks as personal data, and the Event Hubs partition key when the
    /// emitter used the raw id as the key (the collector does): it is stored with the event's position.
    /// </summary>
    private TouchpointEvent ProtectIdentifiers(TouchpointEvent e)
    {
        var customerId = e.CustomerId is { } c ? hasher.ProtectCustomerId(c) : null;
        var anonymousId = e.AnonymousId is { } a ? hasher.ProtectAnonymousId(a) : null;
        if (ReferenceEquals(customerId, e.CustomerId) && ReferenceEquals(anonymousId, e.AnonymousId))
        {
            return e;
        }

        var customerKey = customerId ?? CustomerKeys.ForAnonymous(anonymousId!);
        var partitionKey = e.Position.PartitionKey;
        if (partitionKey is not null
            && (string.Equals(partitionKey, e.CustomerKey, StringComparison.Ordinal)
                || string.Equals(partitionKey, e.CustomerId, StringComparison.Ordinal)
                || string.Equals(partitionKey, e.AnonymousId, StringComparison.Ordinal)))
        {
            partitionKey = customerKey;
        }

        return e with
        {
            CustomerId = customerId,
            AnonymousId = anonymousId,
            CustomerKey = customerKey,
            Position = e.Position with { PartitionKey = partitionKey },
        };
    }

    /// <summary>
    /// One forward pass over <c>data</c> reads only the free-text fields (and a chat message's sender); the object is
    /// rewritten only when something was redacted, which is rare. <paramref name="customerText"/> is the redacted text
    /// of a customer's chat message, for sentiment.
    /// </summary>
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

    private DeviceJson Device(string userAgent)
    {
        if (_devices.TryGetValue(userAgent, out var cached))
        {
            return cached;
        }

        var device = WriteDevice(UserAgentParser.Parse(userAgent));
        var json = new DeviceJson(device, WriteEnrichment(device, score: null, default).ToArray());
        if (_devices.Count >= DeviceCacheSize)
        {
            // Bounded memory without LRU bookkeeping on the hot path: a flood of unique (spoofed) agents only costs
            // the parse each of them would have cost anyway.
            _devices.Clear();
        }

        _devices.TryAdd(userAgent, json);
        return json;
    }

    private static byte[] WriteDevice(DeviceInfo device)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", device.Type.ToString().ToLowerInvariant());
            writer.WriteString("os", device.Os);
            writer.WriteString("osVersion", device.OsVersion);
            writer.WriteString("browser", device.Browser);
            writer.WriteString("browserVersion", device.BrowserVersion);
            writer.WriteBoolean("bot", device.IsBot);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ReadOnlyMemory<byte> WriteEnrichment(byte[]? device, SentimentScore? score, RedactionCounts redactions)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (device is not null)
            {
                writer.WritePropertyName("device"u8);
                writer.WriteRawValue(device, skipInputValidation: true);
            }

            if (score is not null)
            {
                writer.WriteStartObject("sentiment");
                writer.WriteNumber("score", Math.Round(score.Score, 3));
                writer.WriteString("label", score.Label.ToString().ToLowerInvariant());
                writer.WriteEndObject();
            }

            if (redactions.Total > 0)
            {
                writer.WriteStartObject("redactions");
                writer.WriteNumber("emails", redactions.Emails);
                writer.WriteNumber("phones", redactions.Phones);
                writer.WriteNumber("cards", redactions.Cards);
                writer.WriteNumber("ibans", redactions.Ibans);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private struct RedactionCounts
    {
        public int Emails;
        public int Phones;
        public int Cards;
        public int Ibans;

        public readonly int Total => Emails + Phones + Cards + Ibans;

        public void Add(RedactionResult result)
        {
            Emails += result.Emails;
            Phones += result.Phones;
            Cards += result.Cards;
            Ibans += result.Ibans;
        }
    }
}
