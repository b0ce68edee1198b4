namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>Which side of a <see cref="NumberRangeKeyword"/> limit is allowed.</summary>
internal enum NumberBound
{
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}
