using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// <c>properties</c>, <c>required</c> and <c>additionalProperties</c> of one schema object, compiled together so the
/// instance object is walked once: each member is matched to its rule, required ones tick a bit in a mask. Checking
/// every member (not a name lookup per rule) also validates each copy of a duplicated key, so no later reader can
/// pick an unvalidated copy. Non-objects pass (the type keyword reports them).
/// </summary>
internal sealed class PropertiesKeyword(PropertyRule[] rules, bool additionalProperties, string pathPrefix) : ISchemaKeyword
{
    private readonly ulong _requiredMask = rules.Aggregate(0UL, (mask, rule) => mask | rule.RequiredBit);

    // Rules bucketed by UTF-8 name length: most members then compare against zero or one candidate name.
    private readonly PropertyRule[][] _rulesByLength = BucketByLength(rules);

    public PropertyRule[] Rules => rules;

    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        var seen = 0UL;
        foreach (var member in instance.EnumerateObject())
        {
            var rule = Find(member);
            if (rule is null)
            {
                if (additionalProperties)
                {
                    continue;
                }

                if (errors is null)
                {
                    return false;
                }

                valid = false;
                errors.Add(Unexpected(member));
                continue;
            }

            seen |= rule.RequiredBit;
            if (rule.Schema is not null && !rule.Schema.Validate(member.Value, errors))
            {
                if (errors is null)
                {
                    return false;
                }

                valid = false;
            }
        }

        if ((seen & _requiredMask) == _requiredMask)
        {
            return valid;
        }

        if (errors is not null)
        {
            foreach (var rule in rules)
            {
                if ((seen & rule.RequiredBit) == 0 && rule.Missing is not null)
                {
                    errors.Add(rule.Missing);
                }
            }
        }

        return false;
    }

    private PropertyRule? Find(JsonProperty member)
    {
        var name = JsonMarshal.GetRawUtf8PropertyName(member);
        if (name.IndexOf((byte)'\\') < 0)
        {
            if (name.Length >= _rulesByLength.Length)
            {
                return null;
            }

            foreach (var rule in _rulesByLength[name.Length])
            {
                if (name.SequenceEqual(rule.Utf8Name))
                {
                    return rule;
                }
            }

            return null;
        }

        // An escaped name ("\u0069d" is "id") must match like its unescaped form.
        foreach (var rule in rules)
        {
            if (NameEquals(member, rule.Utf8Name))
            {
                return rule;
            }
        }

        return null;
    }

    private static PropertyRule[][] BucketByLength(PropertyRule[] rules)
    {
        var buckets = new PropertyRule[rules.Length == 0 ? 0 : rules.Max(r => r.Utf8Name.Length) + 1][];
        for (var length = 0; length < buckets.Length; length++)
        {
            buckets[length] = [.. rules.Where(r => r.Utf8Name.Length == length)];
        }

        return buckets;
    }

    private static bool NameEquals(JsonProperty member, byte[] utf8Name)
    {
        try
        {
            return member.NameEquals(utf8Name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private ValidationError Unexpected(JsonProperty member)
    {
        // The raw (possibly escaped) name is always printable; decoding it could fail on a lone surrogate.
        var field = pathPrefix + Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(member));
        return new ValidationError(field, "additionalProperties", $"{field} is not an allowed property");
    }
}
