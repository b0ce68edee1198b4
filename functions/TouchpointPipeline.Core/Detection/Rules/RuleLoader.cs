using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Events;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>
/// Reads every <c>*.json</c> file of the rules folder (one rule per file), validates all of them and reports every
/// problem at once, naming file and field, so a bad rule fails start-up with a message an operator can act on.
/// </summary>
public static partial class RuleLoader
{
    private static readonly string[] FieldRoots = ["data.", "enrichment."];

    /// <summary>Loads and validates the folder; throws <see cref="RuleValidationException"/> listing every problem.</summary>
    public static RuleSet LoadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new RuleValidationException(folder, [$"the rules folder '{folder}' does not exist (set Detection:RulesPath)."]);
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        return Load(folder, files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToArray());
    }

    /// <summary>Validates rule texts given as (file name, JSON).</summary>
    public static RuleSet Load(string origin, IReadOnlyList<(string Name, string Json)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<string>();
        var rules = new List<DetectionRule>();
        if (files.Count == 0)
        {
            errors.Add("no rule files (*.json) found; ship at least one rule or disable nothing by deleting all of them.");
        }

        foreach (var (name, json) in files)
        {
            RuleDocument? document = null;
            try
            {
                document = JsonSerializer.Deserialize(json, RuleJsonContext.Default.RuleDocument);
            }
            catch (JsonException ex)
            {
                errors.Add($"{name}: not a valid rule document: {ex.Message}");
            }

            if (document is null)
            {
                continue;
            }

            var problems = new List<string>();
            var rule = Compile(document, problems);
            errors.AddRange(problems.Select(p => $"{name}: {p}"));
            if (rule is not null && problems.Count == 0)
            {
                if (rules.Any(r => r.Id == rule.Id))
                {
                    errors.Add($"{name}: rule id '{rule.Id}' is used by another file.");
                }
                else
                {
                    rules.Add(rule);
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleValidationException(origin, errors);
        }

        return new RuleSet(rules);
    }

    private static DetectionRule? Compile(RuleDocument d, List<string> problems)
    {
        if (d.Id is null || !RuleIdPattern().IsMatch(d.Id))
        {
            problems.Add("id is required: 1-64 characters of a-z, 0-9 and '-', starting with a letter or digit.");
        }

        Require(d.Description, "description", problems);
        Require(d.SuggestedAction, "suggestedAction", problems);
        var severity = ParseEnum<AlertSeverity>(d.Severity, "severity", "low, medium, high, critical", problems);
        var kind = ParseEnum<RuleKind>(d.Kind, "kind", "count, sequence, absence, trend", problems);
        if (d.Window is not { } window || window <= TimeSpan.Zero)
        {
            problems.Add("window is required and must be positive (e.g. \"00:00:01\", \"7.00:00:00\").");
        }

        if (d.Cooldown is not { } cooldown || cooldown < TimeSpan.Zero)
        {
            problems.Add("cooldown is required and must not be negative (\"00:00:00\" for none).");
        }

        var match = d.Match is null ? null : Condition(d.Match, "match", problems);
        var steps = (d.Steps ?? []).Select((s, i) => Condition(s, $"steps[{i}]", problems)).ToArray();
        var closedBy = d.ClosedBy is null ? null : Condition(d.ClosedBy, "closedBy", problems);
        CheckFields(d.GroupBy, "groupBy", problems);
        CheckFields(d.Distinct, "distinct", problems);
        if (d.Count is < 1)
        {
            problems.Add("count must be at least 1.");
        }

        switch (kind)
        {
            case RuleKind.Count:
                RequireMatch(match, kind, problems);
                if (d.MaxDistancePx is <= 0)
                {
                    problems.Add("maxDistancePx must be positive.");
                }

                break;
            case RuleKind.Sequence:
                if (steps.Length < 2)
                {
                    problems.Add("a sequence rule needs at least two steps.");
                }

                break;
            case RuleKind.Absence:
                RequireMatch(match, kind, problems);
                if (closedBy is null)
                {
                    problems.Add("an absence rule needs closedBy (the event that must not be missing).");
                }

                break;
            case RuleKind.Trend:
                RequireMatch(match, kind, problems);
                if (d.Value is null || !FieldRoots.Any(r => d.Value.StartsWith(r, StringComparison.Ordinal)))
                {
                    problems.Add("a trend rule needs value: the numeric field (data.* or enrichment.*) that falls.");
                }

                if (d.Points is not >= 2)
                {
                    problems.Add("a trend rule needs points >= 2.");
                }

                if (d.MinDrop is not > 0)
                {
                    problems.Add("a trend rule needs minDrop > 0.");
                }

                break;
        }

        if (kind != RuleKind.Count && (d.MaxDistancePx is not null || d.Distinct is { Count: > 0 }))
        {
            problems.Add("maxDistancePx and distinct apply to count rules only.");
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new DetectionRule
        {
            Id = d.Id!,
            Description = d.Description!,
            Severity = severity!.Value,
            Kind = kind!.Value,
            Match = match,
            Steps = steps.OfType<EventCondition>().ToArray(),
            ClosedBy = closedBy,
            Window = d.Window!.Value,
            Count = d.Count ?? 1,
            GroupBy = d.GroupBy ?? [],
            Distinct = d.Distinct ?? [],
            MaxDistancePx = d.MaxDistancePx,
            Value = d.Value,
            Points = d.Points ?? 0,
            MinDrop = d.MinDrop ?? 0,
            MaxFinal = d.MaxFinal,
            Cooldown = d.Cooldown!.Value,
            SuggestedAction = d.SuggestedAction!,
        };
    }

    private static EventCondition? Condition(ConditionDocument c, string where, List<string> problems)
    {
        var before = problems.Count;
        if (c.Types is not { Count: > 0 })
        {
            problems.Add($"{where}.types must list at least one event type.");
        }

        foreach (var type in c.Types ?? [])
        {
            if (!RuleSet.IsKnownType(type))
            {
                problems.Add($"{where}.types: '{type}' is not an event type (known: {string.Join(", ", EventTypes.All)}).");
            }
        }

        foreach (var channel in c.Channels ?? [])
        {
            if (!ChannelNames.TryParse(channel, out _))
            {
                problems.Add($"{where}.channels: '{channel}' is not a channel (web, app, call, chat).");
            }
        }

        var conditions = new List<FieldCondition>();
        foreach (var (w, i) in (c.Where ?? []).Select((w, i) => (w, i)))
        {
            var at = $"{where}.where[{i}]";
            if (w.Field is null || !FieldRoots.Any(r => w.Field.StartsWith(r, StringComparison.Ordinal) && w.Field.Length > r.Length))
            {
                problems.Add($"{at}.field must be a path under data. or enrichment. (e.g. data.holdSeconds).");
                continue;
            }

            FieldOperator? op = w.Op switch
            {
                "==" => FieldOperator.Equal,
                "!=" => FieldOperator.NotEqual,
                "<" => FieldOperator.LessThan,
                "<=" => FieldOperator.LessThanOrEqual,
                ">" => FieldOperator.GreaterThan,
                ">=" => FieldOperator.GreaterThanOrEqual,
                "exists" => FieldOperator.Exists,
                _ => null,
            };
            if (op is null)
            {
                problems.Add($"{at}.op must be one of ==, !=, <, <=, >, >=, exists.");
                continue;
            }

            var value = w.Value is { } v ? StateEventFields.Format(v) : null;
            if (op != FieldOperator.Exists && value is null)
            {
                problems.Add($"{at}.value must be a string, number or boolean.");
                continue;
            }

            if (op is FieldOperator.LessThan or FieldOperator.LessThanOrEqual or FieldOperator.GreaterThan or FieldOperator.GreaterThanOrEqual
                && !FieldCondition.TryNumber(value, out _))
            {
                problems.Add($"{at}.value must be a number for {w.Op}.");
                continue;
            }

            conditions.Add(new FieldCondition(w.Field, op.Value, value));
        }

        return problems.Count > before ? null : new EventCondition(c.Types!, c.Channels ?? [], conditions);
    }

    private static void RequireMatch(EventCondition? match, RuleKind? kind, List<string> problems)
    {
        if (match is null)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"a {kind.ToString()!.ToLowerInvariant()} rule needs match."));
        }
    }

    private static void CheckFields(IReadOnlyList<string>? fields, string name, List<string> problems)
    {
        foreach (var field in fields ?? [])
        {
            if (!FieldRoots.Any(r => field.StartsWith(r, StringComparison.Ordinal) && field.Length > r.Length))
            {
                problems.Add($"{name}: '{field}' must be a path under data. or enrichment.");
            }
        }
    }

    private static void Require(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required.");
        }
    }

    private static T? ParseEnum<T>(string? value, string name, string allowed, List<string> problems)
        where T : struct, Enum
    {
        if (value is not null && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && string.Equals(value, value.ToLowerInvariant(), StringComparison.Ordinal)
            && !int.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }

        problems.Add($"{name} must be one of {allowed}.");
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex RuleIdPattern();
}
