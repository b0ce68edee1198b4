extern alias DevHost;

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DevHost::TouchpointPipeline.DevHost.EventHubs;
using DevHost::TouchpointPipeline.DevHost.EventLog;
using DevHost::TouchpointPipeline.DevHost.FunctionApp;
using DevHost::TouchpointPipeline.DevHost.Invocation;

namespace TouchpointPipeline.Benchmarks;

/// <summary>Realistic ~1 KB touchpoints and the host payload that carries 100 of them.</summary>
internal static class SampleEvents
{
    public static readonly DateTime Enqueued = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    public static string Click(int i)
    {
        var e = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = $"0193a6f2-7c1e-7b3a-9f11-{i:D12}",
            ["source"] = "web/shop-frontend",
            ["type"] = "element.clicked",
            ["time"] = Enqueued.AddSeconds(-2).AddMilliseconds(i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["customerid"] = $"cust-{i % 50:D6}",
            ["anonymousid"] = $"a1b2c3d4-{i % 50:D4}-4e5f-8a9b-0c1d2e3f4a5b",
            ["sessionid"] = $"sess-{i % 50:D6}-0001",
            ["channel"] = "web",
            ["data"] = new JsonObject
            {
                ["selector"] = "main > section.checkout form#payment button[data-testid=\"pay-now\"]",
                ["x"] = 412,
                ["y"] = 988.5,
                ["url"] = "https://shop.example.com/checkout/payment?cart=8f2a91c4&step=3&utm_source=newsletter&utm_campaign=black-friday",
                ["text"] = "Pay now – €149.90",
                ["viewport"] = new JsonObject { ["width"] = 1440, ["height"] = 900 },
                ["userAgent"] = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
                ["referrer"] = "https://shop.example.com/checkout/shipping?cart=8f2a91c4",
                ["elementPath"] = "html>body>div#app>main>section.checkout>form#payment>div.actions>button.primary",
                ["experiment"] = new JsonObject { ["id"] = "exp-checkout-v7", ["variant"] = "B" },
                ["appVersion"] = "2026.11.3+build.4412",
            },
        };
        return e.ToJsonString();
    }

    public static string ChatMessage(int i)
    {
        string[] texts =
        [
            "I've been waiting 40 minutes for someone to answer, this is ridiculous. My order 88213 still hasn't shipped!!",
            "Thanks, that fixed it. Can you also send the invoice to my other address please?",
            "The payment page keeps failing with my card, I tried three times and nothing works :(",
            "Hi, where can I find the return label for order 77120? It isn't in my account.",
        ];
        var e = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = $"0193a6f2-7c1e-7b3a-9f22-{i:D12}",
            ["source"] = "web/chat-widget",
            ["type"] = "chat.message",
            ["time"] = Enqueued.AddSeconds(-2).AddMilliseconds(i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["customerid"] = $"cust-{i % 50:D6}",
            ["sessionid"] = $"sess-{i % 50:D6}-0001",
            ["channel"] = "chat",
            ["data"] = new JsonObject { ["chatId"] = $"chat-{i % 50:D4}", ["sender"] = "customer", ["text"] = texts[i % texts.Length], ["messageId"] = $"m-{i}" },
        };
        return e.ToJsonString();
    }

    /// <summary>
    /// The host's batch payload for <paramref name="bodies"/> (partition keys, offsets, sequence numbers and enqueued
    /// times as a real partition would give them), written by the dev host's <see cref="EventHubPayloadWriter"/>.
    /// </summary>
    public static byte[] HostPayload(IReadOnlyList<string> bodies)
    {
        var enqueued = new DateTimeOffset(Enqueued);
        var events = bodies.Select((body, i) => new LogMessage(
            1000L + i, 4294967296L + (1100L * i), enqueued.AddMilliseconds(i), $"cust-{i % 50:D6}", body, Properties: null)).ToList();
        var binding = new EventHubTriggerBinding(new FunctionDefinition("IngestClickstream", [], Retry: null), "events", "clickstream", "pipeline", EventDataType.String);
        var attempt = new InvocationAttempt(Guid.Empty, enqueued.AddSeconds(1), Guid.Empty, Retry: null);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, HostJsonWriter.Options))
        {
            EventHubPayloadWriter.Write(writer, binding, "tp-bench.servicebus.windows.net", "3", events, attempt);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
