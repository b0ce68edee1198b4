using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

public sealed class LuhnChecksumTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111-1111-1111-1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("30569309025904", true)]
    [InlineData("2223003122003222", true)]
    [InlineData("4222222222222", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("1234567890123452", false)]
    [InlineData("0000000000000000", false)]
    [InlineData("7777777777777777777", false)]
    [InlineData("8000000000000000002", false)]
    [InlineData("411111111111", false)]
    [InlineData("41111111111111111111", false)]
    public void IsCardNumber_Table_ReturnsExpected(string candidate, bool expected)
    {
        Assert.Equal(expected, LuhnChecksum.IsCardNumber(candidate));
    }
}
