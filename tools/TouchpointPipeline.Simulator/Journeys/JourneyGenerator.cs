using System.Globalization;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// Deterministic journeys per (seed, customer index): most customers browse, search, check out and now and then call
/// or chat, all without any rule's pattern (no errors before a contact, at most one contact, short holds, one transfer
/// at most, calm chats); every <c>1/painShare</c>-th customer instead gets one pain pattern, rotating through
/// <paramref name="patterns"/> (see <see cref="RulePatterns"/>), built to match exactly that rule.
/// </summary>
internal sealed class JourneyGenerator(int seed, double painShare, IReadOnlyList<string> patterns)
{
    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    ];

    private static readonly string AppUserAgent = "ExampleShop/5.2.1 (iPhone; iOS 18.1; Scale/3.00)";

    private static readonly string[] Products = ["trail-runner-42", "city-sneaker-7", "hiking-boot-3", "rain-jacket-12", "wool-socks-5", "running-cap-9"];
    private static readonly string[] Queries = ["trail shoes", "rain jacket", "running socks", "boots size 44", "sale", "gift card"];
    private static readonly string[] CheckoutSteps = ["cart", "address", "shipping", "payment", "review"];
    private static readonly string[] Queues = ["orders", "returns", "billing", "technical"];

    private readonly IReadOnlyList<string> _patterns = patterns.All(PainPatterns.All.Contains)
        ? patterns
        : throw new ArgumentException($"No journey for: {string.Join(", ", patterns.Except(PainPatterns.All))}.", nameof(patterns));

    private readonly int _period = painShare <= 0 || patterns.Count == 0 ? int.MaxValue : Math.Max(1, (int)Math.Round(1 / painShare));

    public int Seed => seed;

    /// <summary>The journey of customer <paramref name="index"/>, its last touchpoint at <paramref name="now"/> (or earlier when the pattern needs it).</summary>
    public Journey Create(long index, DateTimeOffset now)
    {
        // Per-customer generator: the same (seed, index) gives the same journey whatever order customers are made in.
#pragma warning disable CA5394 // Simulated traffic, not security.
        var random = new Random(unchecked((seed * 1_000_003) ^ (int)index ^ (int)(index >> 32)));
        var painSlot = _period == int.MaxValue ? -1 : index % _period == _period - 1 ? (index / _period) % _patterns.Count : -1;
        var tag = string.Create(CultureInfo.InvariantCulture, $"sim{seed}");
        var customerId = string.Create(CultureInfo.InvariantCulture, $"{tag}-c{index:D7}");
        var idPrefix = string.Create(CultureInfo.InvariantCulture, $"{tag}-e{index:D7}");
        if (painSlot >= 0)
        {
            var rule = _patterns[(int)painSlot];
            var pain = new JourneyBuilder(idPrefix, customerId, anonymousId: null) { SessionId = customerId + "-s1", UserAgent = Pick(random, UserAgents) };
            var end = Pain(pain, rule, random, customerId);
            return new Journey(pain.CustomerKey, rule, pain.Render(now - end, tracked: true));
        }

        var anonymous = random.NextDouble() < 0.35;
        var journey = new JourneyBuilder(idPrefix, anonymous ? null : customerId, anonymous ? $"{tag}-a{index:D7}" : null)
        {
            SessionId = customerId + "-s1",
        };
        Happy(journey, random, customerId);
        return new Journey(journey.CustomerKey, null, journey.Render(now, tracked: false));
#pragma warning restore CA5394
    }

#pragma warning disable CA5394 // Simulated traffic, not security.
    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static void Happy(JourneyBuilder j, Random random, string customerId)
    {
        var channel = random.NextDouble() < 0.75 ? "web" : "app";
        j.UserAgent = channel == "web" ? Pick(random, UserAgents) : AppUserAgent;
        var hadError = Browse(j, random, channel);
        if (j.CustomerId is null && random.NextDouble() < 0.4)
        {
            // An anonymous visitor logs in: from here on the events carry the customer id too.
            j.CustomerId = customerId;
            j.Wait(4 + (random.NextDouble() * 10)).Add("customer.identified", channel, new JsonObject { ["method"] = "login" });
            j.Wait(2 + (random.NextDouble() * 5)).Add("page.viewed", channel, Page(channel, "/account", "My account", random));
        }

        if (random.NextDouble() < 0.55)
        {
            hadError |= Checkout(j, random, channel, completes: random.NextDouble() < 0.85);
        }

        // At most one contact per customer, and never within the hour after a web/app error (that is channel hopping).
        if (!hadError && j.CustomerId is not null && random.NextDouble() < 0.15)
        {
            j.Wait(60 + (random.NextDouble() * 600));
            if (random.NextDouble() < 0.6)
            {
                Call(j, random, holdSeconds: random.NextDouble() < 0.5 ? 0 : random.Next(15, 120), transfers: random.NextDouble() < 0.1 ? 1 : 0, abandoned: false);
            }
            else
            {
                Chat(j, random, [Pick(random, ChatTexts.Neutral), Pick(random, ChatTexts.Neutral), Pick(random, ChatTexts.Positive)], topic: "order");
            }
        }
    }

    /// <summary>A browsing session: home, searches, product pages with clicks spaced seconds apart. True when it showed a form error.</summary>
    private static bool Browse(JourneyBuilder j, Random random, string channel)
    {
        j.Add("page.viewed", channel, Page(channel, "/", "Example Shop", random));
        var searches = random.Next(0, 3);
        for (var s = 0; s < searches; s++)
        {
            var query = Pick(random, Queries);
            j.Wait(3 + (random.NextDouble() * 20)).Add("search.performed", channel, new JsonObject
            {
                ["query"] = query,
                ["resultCount"] = random.Next(0, 60),
                ["url"] = Url(channel, "/search?q=" + Uri.EscapeDataString(query)),
            });
        }

        var products = random.Next(1, 6);
        for (var p = 0; p < products; p++)
        {
            var product = Pick(random, Products);
            j.Wait(2 + (random.NextDouble() * 25)).Add("page.viewed", channel, Page(channel, "/products/" + product, product, random));
            if (random.NextDouble() < 0.7)
            {
                j.Wait(2 + (random.NextDouble() * 15)).Add("element.clicked", channel, Click(channel, "/products/" + product, random.NextDouble() < 0.5 ? "#add-to-cart" : ".gallery img", random));
            }
        }

        return false;
    }

    /// <summary>The checkout funnel; now and then a form error the customer corrects. True when it showed one.</summary>
    private static bool Checkout(JourneyBuilder j, Random random, string channel, bool completes)
    {
        var value = Math.Round(20 + (random.NextDouble() * 280), 2);
        var formError = random.NextDouble() < 0.1;
        var last = completes ? CheckoutSteps.Length : random.Next(1, CheckoutSteps.Length);
        for (var s = 0; s < last; s++)
        {
            j.Wait(5 + (random.NextDouble() * 40)).Add("checkout.step", channel, new JsonObject
            {
                ["step"] = CheckoutSteps[s],
                ["stepIndex"] = s + 1,
                ["cartValue"] = value,
                ["currency"] = "EUR",
            });
            if (formError && CheckoutSteps[s] == "address")
            {
                j.Wait(8 + (random.NextDouble() * 10)).Add("form.error", channel, new JsonObject
                {
                    ["form"] = "address",
                    ["field"] = "postcode",
                    ["message"] = "Please enter a valid postcode.",
                    ["code"] = "invalid_postcode",
                    ["url"] = Url(channel, "/checkout/address"),
                });
            }
        }

        if (completes)
        {
            j.Wait(3 + (random.NextDouble() * 10)).Add("order.completed", channel, new JsonObject
            {
                ["orderId"] = "ord-" + j.SessionId,
                ["amount"] = value,
                ["currency"] = "EUR",
                ["itemCount"] = random.Next(1, 5),
            });
        }

        return formError;
    }

    private static void Call(JourneyBuilder j, Random random, int holdSeconds, int transfers, bool abandoned)
    {
        var callId = "call-" + j.SessionId + "-" + ((int)j.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var queue = Pick(random, Queues);
        var agent = "agent-" + random.Next(1, 40).ToString(CultureInfo.InvariantCulture);
        var started = j.Elapsed;
        j.Add("call.queued", "call", new JsonObject { ["callId"] = callId, ["queue"] = queue, ["reason"] = "order status" });
        if (abandoned)
        {
            j.Wait(120 + random.Next(0, 240)).Add("call.ended", "call", new JsonObject
            {
                ["callId"] = callId,
                ["durationSeconds"] = Math.Round((j.Elapsed - started).TotalSeconds),
                ["holdSeconds"] = 0,
                ["disposition"] = "abandoned-in-queue",
                ["abandoned"] = true,
            });
            return;
        }

        var wait = random.Next(10, 90);
        j.Wait(wait).Add("call.answered", "call", new JsonObject { ["callId"] = callId, ["agentId"] = agent, ["queue"] = queue, ["waitSeconds"] = wait });
        if (holdSeconds > 0)
        {
            j.Wait(30 + random.Next(0, 120)).Add("call.held", "call", new JsonObject { ["callId"] = callId, ["holdSeconds"] = holdSeconds, ["agentId"] = agent });
            j.Wait(holdSeconds);
        }

        for (var t = 0; t < transfers; t++)
        {
            var toQueue = Queues[(Array.IndexOf(Queues, queue) + t + 1) % Queues.Length];
            var toAgent = "agent-" + random.Next(40, 80).ToString(CultureInfo.InvariantCulture);
            j.Wait(40 + random.Next(0, 120)).Add("call.transferred", "call", new JsonObject { ["callId"] = callId, ["fromAgent"] = agent, ["toQueue"] = toQueue, ["toAgent"] = toAgent });
            agent = toAgent;
        }

        j.Wait(60 + random.Next(0, 300)).Add("call.ended", "call", new JsonObject
        {
            ["callId"] = callId,
            ["durationSeconds"] = Math.Round((j.Elapsed - started).TotalSeconds),
            ["holdSeconds"] = holdSeconds,
            ["disposition"] = "resolved",
            ["abandoned"] = false,
            ["agentId"] = agent,
        });
    }

    /// <summary>A chat: the customer's lines in order, an agent line after each but the last, then the end.</summary>
    private static void Chat(JourneyBuilder j, Random random, IReadOnlyList<string> customerLines, string topic)
    {
        var chatId = "chat-" + j.SessionId + "-" + ((int)j.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var agent = "agent-" + random.Next(1, 40).ToString(CultureInfo.InvariantCulture);
        var started = j.Elapsed;
        j.Add("chat.started", "chat", new JsonObject { ["chatId"] = chatId, ["entryUrl"] = JourneyBuilder.WebSource + "/help", ["topic"] = topic });
        for (var i = 0; i < customerLines.Count; i++)
        {
            j.Wait(10 + random.Next(0, 40)).Add("chat.message", "chat", new JsonObject
            {
                ["chatId"] = chatId,
                ["sender"] = "customer",
                ["text"] = customerLines[i],
                ["messageId"] = "m" + (2 * i).ToString(CultureInfo.InvariantCulture),
            });
            if (i < customerLines.Count - 1)
            {
                j.Wait(15 + random.Next(0, 45)).Add("chat.message", "chat", new JsonObject
                {
                    ["chatId"] = chatId,
                    ["sender"] = "agent",
                    ["text"] = Pick(random, ChatTexts.Agent),
                    ["messageId"] = "m" + ((2 * i) + 1).ToString(CultureInfo.InvariantCulture),
                    ["agentId"] = agent,
                });
            }
        }

        j.Wait(20 + random.Next(0, 60)).Add("chat.ended", "chat", new JsonObject
        {
            ["chatId"] = chatId,
            ["endedBy"] = "customer",
            ["durationSeconds"] = Math.Round((j.Elapsed - started).TotalSeconds),
        });
    }

    /// <summary>Builds the pattern; returns how long before now the journey ends (0 unless the rule needs it in the past).</summary>
    private static TimeSpan Pain(JourneyBuilder j, string rule, Random random, string customerId)
    {
        const string Web = "web";
        switch (rule)
        {
            case PainPatterns.RageClick:
            {
                // Four clicks on one button within 0.9 s, each a few pixels from the last (rule: 3 in 1 s within 30 px).
                j.Add("page.viewed", Web, Page(Web, "/products/trail-runner-42", "Trail runner", random));
                double x = random.Next(200, 900), y = random.Next(300, 700);
                j.Wait(4 + random.Next(0, 10));
                for (var c = 0; c < 4; c++)
                {
                    j.Wait(c == 0 ? 0 : 0.22 + (random.NextDouble() * 0.06))
                        .Add("element.clicked", Web, Click(Web, "/products/trail-runner-42", "#add-to-cart", x + random.Next(0, 6), y + random.Next(0, 6)));
                }

                j.Wait(10).Add("page.viewed", Web, Page(Web, "/cart", "Cart", random));
                return TimeSpan.Zero;
            }

            case PainPatterns.ErrorClick:
                j.Add("page.viewed", Web, Page(Web, "/checkout/voucher", "Voucher", random));
                j.Wait(6).Add("element.clicked", Web, Click(Web, "/checkout/voucher", "#apply-voucher", random));
                j.Wait(0.3).Add("client.error", Web, new JsonObject
                {
                    ["message"] = "TypeError: Cannot read properties of undefined (reading 'code')",
                    ["errorType"] = "TypeError",
                    ["handled"] = false,
                    ["url"] = Url(Web, "/checkout/voucher"),
                    ["stack"] = "TypeError: Cannot read properties of undefined (reading 'code')\n    at applyVoucher (voucher.js:42:17)",
                });
                j.Wait(20).Add("page.viewed", Web, Page(Web, "/", "Example Shop", random));
                return TimeSpan.Zero;

            case PainPatterns.RepeatedErrors:
                Browse(j, random, Web);
                j.Wait(10).Add("checkout.step", Web, new JsonObject { ["step"] = "payment", ["stepIndex"] = 4, ["cartValue"] = 89.9, ["currency"] = "EUR" });
                foreach (var field in new[] { "cardNumber", "expiry", "cardNumber" })
                {
                    j.Wait(30 + random.Next(0, 30)).Add("form.error", Web, new JsonObject
                    {
                        ["form"] = "payment",
                        ["field"] = field,
                        ["message"] = field == "expiry" ? "The expiry date is in the past." : "The card number is not valid.",
                        ["code"] = "invalid_" + field,
                        ["url"] = Url(Web, "/checkout/payment"),
                    });
                }

                j.Wait(40).Add("order.completed", Web, new JsonObject { ["orderId"] = "ord-" + customerId, ["amount"] = 89.9, ["currency"] = "EUR", ["itemCount"] = 1 });
                return TimeSpan.Zero;

            case PainPatterns.CheckoutAbandonedAfterError:
                Browse(j, random, Web);
                j.Wait(10).Add("checkout.step", Web, new JsonObject { ["step"] = "payment", ["stepIndex"] = 4, ["cartValue"] = 129.5, ["currency"] = "EUR" });
                j.Wait(25).Add("payment.failed", Web, new JsonObject
                {
                    ["reason"] = "Card declined by the issuer.",
                    ["code"] = "card_declined",
                    ["amount"] = 129.5,
                    ["currency"] = "EUR",
                    ["paymentMethod"] = "card",
                });
                j.Wait(15).Add("page.viewed", Web, Page(Web, "/cart", "Cart", random));

                // Dated 40 minutes back: the 30-minute window (+2 min grace) has passed, so the next sweep judges it.
                return TimeSpan.FromMinutes(40);

            case PainPatterns.RepeatContact:
                // Two calm contacts three hours apart: a call, then a chat (rule: 2 distinct contacts in 7 days).
                Call(j, random, holdSeconds: 0, transfers: 0, abandoned: false);
                j.Wait(TimeSpan.FromHours(3));
                Chat(j, random, [Pick(random, ChatTexts.Neutral), Pick(random, ChatTexts.Positive)], topic: "order");
                return TimeSpan.Zero;

            case PainPatterns.LongHold:
                Call(j, random, holdSeconds: random.Next(330, 900), transfers: 0, abandoned: false);
                return TimeSpan.Zero;

            case PainPatterns.AbandonedInQueue:
                Call(j, random, holdSeconds: 0, transfers: 0, abandoned: true);
                return TimeSpan.Zero;

            case PainPatterns.TransferLoop:
                Call(j, random, holdSeconds: 0, transfers: 2, abandoned: false);
                return TimeSpan.Zero;

            case PainPatterns.NegativeChat:
            {
                // Two very negative lines, then a calmer one: not a falling run, so not also a worsening chat.
                var first = random.Next(ChatTexts.Negative.Length);
                var second = (first + 1 + random.Next(ChatTexts.Negative.Length - 1)) % ChatTexts.Negative.Length;
                Chat(j, random, [ChatTexts.Negative[first], ChatTexts.Negative[second], Pick(random, ChatTexts.Neutral)], topic: "payment");
                return TimeSpan.Zero;
            }

            case PainPatterns.WorseningChat:
                // Warm, neutral, then one negative line: falling by 0.6 or more, ending below -0.2, one line at or below -0.5.
                Chat(j, random, [Pick(random, ChatTexts.WarmOpeners), Pick(random, ChatTexts.Neutral), Pick(random, ChatTexts.Negative)], topic: "delivery");
                return TimeSpan.Zero;

            case PainPatterns.ChannelHopping:
                // A web error (no click in the second before it), then a chat four minutes later.
                j.Add("page.viewed", Web, Page(Web, "/checkout/payment", "Payment", random));
                j.Wait(12).Add("client.error", Web, new JsonObject
                {
                    ["message"] = "NetworkError when attempting to fetch resource.",
                    ["errorType"] = "NetworkError",
                    ["handled"] = true,
                    ["url"] = Url(Web, "/checkout/payment"),
                });
                j.Wait(TimeSpan.FromMinutes(4));
                Chat(j, random, [Pick(random, ChatTexts.Neutral), Pick(random, ChatTexts.Positive)], topic: "payment");
                return TimeSpan.Zero;

            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "No pattern for this rule.");
        }
    }

    private static string Url(string channel, string path) => channel == "app" ? "app://shop" + path : JourneyBuilder.WebSource + path;

    private static JsonObject Page(string channel, string path, string title, Random random) => new()
    {
        ["url"] = Url(channel, path),
        ["title"] = title,
        ["path"] = path,
        ["referrer"] = string.Empty,
        ["screen"] = new JsonObject { ["width"] = channel == "app" ? 390 : 1440, ["height"] = channel == "app" ? 844 : 900 },
        ["durationMs"] = random.Next(800, 40_000),
    };

    private static JsonObject Click(string channel, string path, string selector, Random random) =>
        Click(channel, path, selector, random.Next(10, 1200), random.Next(10, 2000));

    private static JsonObject Click(string channel, string path, string selector, double x, double y) => new()
    {
        ["selector"] = selector,
        ["x"] = x,
        ["y"] = y,
        ["url"] = Url(channel, path),
        ["button"] = 0,
    };
#pragma warning restore CA5394
}
