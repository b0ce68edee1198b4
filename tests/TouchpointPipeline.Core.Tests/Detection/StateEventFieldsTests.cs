using System.Text.Json;
using TouchpointPipeline.Core.Detection;

namespace TouchpointPipeline.Core.Tests.Detection;

public sealed class StateEventFieldsTests
{
    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("12.5", "12.5")]
    [InlineData("true", "true")]
    [InlineData("1e400", "1e400")]
    [InlineData("\"bad\\ud800\"", null)]
    [InlineData("null", null)]
    [InlineData("{}", null)]
    public void Format_AnyJsonValue_NeverThrows(string json, string? expected)
    {
        using var document = JsonDocument.Parse(json);

        var text = StateEventFields.Format(document.RootElement);

        Assert.Equal(expected, text);
    }
}
