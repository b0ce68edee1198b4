namespace TouchpointPipeline.Core.Detection.Rules;

/// <summary>Comparison in a rule's <c>where</c> clause. Ordering operators compare numbers; equality compares numbers or text.</summary>
public enum FieldOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Exists,
}
