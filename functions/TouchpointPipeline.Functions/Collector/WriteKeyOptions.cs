namespace TouchpointPipeline.Functions.Collector;

/// <summary>One issued write key and the <c>source</c> values it may send (exact match; <c>*</c> allows any source).</summary>
internal sealed class WriteKeyOptions
{
    public const int MinKeyLength = 16;

    public string Key { get; set; } = string.Empty;

    public string[] Sources { get; set; } = [];
}
