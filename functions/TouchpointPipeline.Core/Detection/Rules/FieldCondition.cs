using System.Globalization;

namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>One test on an event field (<c>data.*</c> or <c>enrichment.*</c>); a missing field never matches.</summary>
public sealed record FieldCondition(string Field, FieldOperator Operator, string? Value)
{
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!fields.TryGetValue(Field, out var actual))
        {
            return false;
        }

        if (Operator == FieldOperator.Exists)
        {
            return true;
        }

        var numeric = TryNumber(actual, out var a) & TryNumber(Value, out var b);
        return Operator switch
        {
            FieldOperator.Equal => numeric ? a == b : string.Equals(actual, Value, StringComparison.Ordinal),
            FieldOperator.NotEqual => numeric ? a != b : !string.Equals(actual, Value, StringComparison.Ordinal),
            FieldOperator.LessThan => numeric && a < b,
            FieldOperator.LessThanOrEqual => numeric && a <= b,
            FieldOperator.GreaterThan => numeric && a > b,
            FieldOperator.GreaterThanOrEqual => numeric && a >= b,
            _ => false,
        };
    }

    internal static bool TryNumber(string? value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
}
