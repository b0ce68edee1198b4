namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>One event type's compiled schema (envelope included through its <c>allOf</c>), keyed by its UTF-8 name.</summary>
internal sealed class CompiledEventSchema(string type, SchemaNode schema)
{
    public string Type { get; } = type;
    public byte[] Utf8Type { get; } = System.Text.Encoding.UTF8.GetBytes(type);
    public SchemaNode Schema { get; } = schema;
}
