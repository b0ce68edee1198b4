using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// One of <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c> (draft-07: numbers, not
/// booleans); non-numbers pass.
/// </summary>
internal sealed class NumberRangeKeyword(double limit, NumberBound bound, ValidationError error) : ISchemaKeyword
{
    public bool Validate(JsonElement instance, List<ValidationError>? errors)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var value = JsonNumber.ToDouble(instance);
        var inRange = bound switch
        {
            NumberBound.Minimum => value >= limit,
            NumberBound.Maximum => value <= limit,
            NumberBound.ExclusiveMinimum => value > limit,
            _ => value < limit,
        };
        if (inRange)
        {
            return true;
        }

        errors?.Add(error);
        return false;
    }
}
