using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.BrowserSdk.Tests.Infrastructure;

/// <summary>An envelope the pipeline's schema validator refused, with its errors and its JSON for the failure message.</summary>
internal sealed record InvalidEnvelope(string Json, IReadOnlyList<ValidationError> Errors)
{
    public override string ToString() => $"{string.Join("; ", Errors)} in {Json}";
}
