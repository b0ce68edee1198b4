using TouchpointPipeline.Functions.Collector;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class ForwardedUserAgentTests
{
    [Theory]
    [InlineData(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Azure-Functions-Host/4.1037.1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148")]
    [InlineData("Azure-Functions-Host/4.1037.1.1", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Of_HostTokenAppendedByTheFunctionsHost_IsRemoved(string? header, string expected) =>
        Assert.Equal(expected, ForwardedUserAgent.Of(header));
}
