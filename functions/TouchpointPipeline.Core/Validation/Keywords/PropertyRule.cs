namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>
/// What <see cref="PropertiesKeyword"/> knows about one property name: its subschema (null when it is only
/// required), its bit in the required mask (0 when optional), and the error reported when it is missing.
/// </summary>
internal sealed class PropertyRule(byte[] utf8Name, SchemaNode? schema, ulong requiredBit, ValidationError? missing)
{
    public byte[] Utf8Name { get; } = utf8Name;
    public SchemaNode? Schema { get; } = schema;
    public ulong RequiredBit { get; } = requiredBit;
    public ValidationError? Missing { get; } = missing;
}
