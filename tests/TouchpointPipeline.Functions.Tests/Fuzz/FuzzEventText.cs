using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>
/// Turns a generated <see cref="FuzzEvent"/> into the text an emitter would send: a seed event with a fresh id and a
/// time near the receive time, then its mutations. Values a <see cref="JsonNode"/> cannot hold (lone surrogates, raw
/// number literals, NaN) go in as placeholders replaced in the text afterwards.
/// </summary>
internal sealed class FuzzEventText(IReadOnlyList<JsonObject> seeds)
{
    private static readonly string[] WrongTypeValues = ["42", "\"text\"", "true", "null", "[]", "{}", "-1.5", "[1,\"a\",null]"];
    private static readonly string[] NumberLiterals = ["1e400", "-1e400", "1.7976931348623157e309", "123456789012345678901234567890", "1e-400", "-0", "0.1e-999", "4.9e-324", "9007199254740993"];
    private static readonly string[] NotJsonNumbers = ["NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "+1", "01", ".5", "0x10"];
    private static readonly string[] LimitDates =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+23:59", "2026-02-30T00:00:00Z", "2026-11-20T09:59:60Z", "10000-01-01T00:00:00Z",
        "2026-11-20T09:59:55Z", "2026-11-20", "2026-11-20T09:59:55.123456789012Z",
    ];

    private static readonly string[] Channels = ["web", "app", "call", "chat", "sms", "WEB", ""];
    private static readonly string[] Sources = ["web/shop", "app/ios", "cc/genesys", "web/chat"];

    /// <summary>The body text for one event. <paramref name="previous"/> holds the batch's earlier bodies (for in-batch repeats).</summary>
    public string Build(FuzzEvent e, string id, string customerId, DateTime time, IReadOnlyList<string> previous)
    {
        var node = (JsonObject)seeds[e.Seed % seeds.Count].DeepClone();
        node["id"] = id;
        node["time"] = Iso(time.AddMilliseconds(-(e.Seed % 5000)));
        node.Remove("sentat");
        var channel = node["channel"]?.GetValue<string>() ?? "web";
        node["source"] = channel switch { "app" => Sources[1], "call" => Sources[2], "chat" => Sources[3], _ => Sources[0] };
        if (node["customerid"] is not null || node["anonymousid"] is null)
        {
            node["customerid"] = customerId;
        }

        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var textMutations = new List<FuzzMutation>();
        foreach (var m in e.Mutations)
        {
            switch (m.Kind)
            {
                case FuzzMutationKind.RepeatEarlier when previous.Count > 0:
                    return previous[m.A % previous.Count];
                case FuzzMutationKind.DuplicateKey or FuzzMutationKind.Truncate or FuzzMutationKind.NotJsonNumber:
                    textMutations.Add(m);
                    break;
                default:
                    Apply(node, m, e.Text, raw);
                    break;
            }
        }

        var text = node.ToJsonString();
        foreach (var (placeholder, value) in raw)
        {
            text = text.Replace("\"" + placeholder + "\"", value, StringComparison.Ordinal);
        }

        foreach (var m in textMutations)
        {
            text = ApplyText(text, m);
        }

        return text;
    }

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void Apply(JsonObject node, FuzzMutation m, string text, Dictionary<string, string> raw)
    {
        var placeholder = $"@@fz{raw.Count}@@";
        var data = node["data"] as JsonObject;
        switch (m.Kind)
        {
            case FuzzMutationKind.WrongType:
                SetRaw(Target(node, m.A), placeholder, WrongTypeValues[m.B % WrongTypeValues.Length], raw);
                break;
            case FuzzMutationKind.RemoveField:
                var names = node.Select(p => p.Key).ToList();
                if (names.Count > 0)
                {
                    node.Remove(names[m.A % names.Count]);
                }

                break;
            case FuzzMutationKind.LoneSurrogate:
                var surrogate = (m.B % 4) switch { 0 => "\\ud800", 1 => "x\\udc00", 2 => "\\udbff\\udbff", _ => "\\ud83d" };
                if (m.B % 5 == 0 && data is not null)
                {
                    data["k" + placeholder] = 1;
                    raw["k" + placeholder] = "\"k" + surrogate + "\"";
                }
                else
                {
                    SetRaw(Target(node, m.A), placeholder, "\"" + surrogate + "\"", raw);
                }

                break;
            case FuzzMutationKind.HugeNumber:
                SetRaw(Target(node, m.A), placeholder, NumberLiterals[m.B % NumberLiterals.Length], raw);
                break;
            case FuzzMutationKind.DeepNesting:
                // Mostly within the limits (32 levels per event, 64 per collector request), sometimes beyond them.
                var depth = m.B % 10 == 0 ? 30 + (m.B % 40) : 1 + (m.B % 24);
                var nested = m.A % 2 == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                (data ?? node)["deep"] = placeholder;
                raw[placeholder] = nested;
                break;
            case FuzzMutationKind.DateLimit:
                var date = LimitDates[m.B % LimitDates.Length];
                if (m.A % 3 != 1)
                {
                    node["time"] = date;
                }

                if (m.A % 3 != 0)
                {
                    node["sentat"] = LimitDates[(m.B / LimitDates.Length) % LimitDates.Length];
                }

                break;
            case FuzzMutationKind.LongString:
                var unit = (m.B % 3) switch { 0 => "x", 1 => "é", _ => "😀" };
                // Up to 4,000 units: over the 32 KB event limit only with multi-byte text, never over a request limit.
                var length = 1 + (m.B % 4_000);
                SetRaw(Target(node, m.A), placeholder, Literal(string.Concat(Enumerable.Repeat(unit, length))), raw);
                break;
            case FuzzMutationKind.RandomText:
                SetRaw(Target(node, m.A), placeholder, Literal(text), raw);
                break;
            case FuzzMutationKind.WrongRoot:
                node.Clear();
                node["root"] = placeholder;
                raw[placeholder] = WrongTypeValues[m.B % WrongTypeValues.Length];
                break;
            case FuzzMutationKind.WrongChannelOrType:
                if (m.B % 2 == 0)
                {
                    node["channel"] = Channels[m.A % Channels.Length];
                }
                else
                {
                    node["type"] = (m.A % 3) switch { 0 => "element.clicked", 1 => "unknown.type", _ => "chat.message" };
                }

                break;
            case FuzzMutationKind.RepeatEarlier:
                break;
        }
    }

    /// <summary>The object and property a mutation hits: a top-level attribute or a member of <c>data</c>.</summary>
    private static (JsonObject Owner, string Name) Target(JsonObject node, int pick)
    {
        if (pick % 2 == 1 && node["data"] is JsonObject data && data.Count > 0)
        {
            var names = data.Select(p => p.Key).ToList();
            return (data, names[(pick / 2) % names.Count]);
        }

        var top = node.Select(p => p.Key).ToList();
        return top.Count == 0 ? (node, "id") : (node, top[(pick / 2) % top.Count]);
    }

    private static void SetRaw((JsonObject Owner, string Name) target, string placeholder, string value, Dictionary<string, string> raw)
    {
        target.Owner[target.Name] = placeholder;
        raw[placeholder] = value;
    }

    private static string ApplyText(string text, FuzzMutation m) => m.Kind switch
    {
        FuzzMutationKind.Truncate when text.Length > 1 => text[..(m.A % text.Length)],
        FuzzMutationKind.DuplicateKey when text.StartsWith('{') => "{" + ((m.B % 3) switch
        {
            0 => "\"id\":\"dupe\",",
            1 => "\"type\":\"page.viewed\",",
            _ => "\"data\":{},",
        }) + text[1..],
        FuzzMutationKind.NotJsonNumber => InsertNotJsonNumber(text, m),
        _ => text,
    };

    private static string InsertNotJsonNumber(string text, FuzzMutation m)
    {
        var at = text.IndexOf("\"data\":{", StringComparison.Ordinal);
        return at < 0 ? text : text.Insert(at + 8, "\"n\":" + NotJsonNumbers[m.B % NotJsonNumbers.Length] + ",");
    }

    /// <summary>A JSON string literal with every non-ASCII or control character escaped, lone surrogates included.</summary>
    private static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is < ' ' or '"' or '\\' or > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
