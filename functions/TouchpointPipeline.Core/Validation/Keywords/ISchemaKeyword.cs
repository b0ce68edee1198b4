using System.Text.Json;

namespace TouchpointPipeline.Core.Validation.Keywords;

/// <summary>One compiled JSON Schema keyword (or a small group that must see the object once, see <see cref="PropertiesKeyword"/>).</summary>
internal interface ISchemaKeyword
{
    /// <summary>
    /// Checks <paramref name="instance"/>. With <paramref name="errors"/> null only the verdict is wanted (anyOf
    /// probing its branches), so implementations return at the first failure and build no error.
    /// </summary>
    bool Validate(JsonElement instance, List<ValidationError>? errors);
}
