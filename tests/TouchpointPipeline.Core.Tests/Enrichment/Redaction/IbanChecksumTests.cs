using TouchpointPipeline.Core.Enrichment.Redaction;

namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

public sealed class IbanChecksumTests
{
    [Theory]
    [InlineData("DE89370400440532013000", 22)]
    [InlineData("DE89 3704 0044 0532 0130 00", 27)]
    [InlineData("de89370400440532013000", 22)]
    [InlineData("GB82 WEST 1234 5698 7654 32", 27)]
    [InlineData("FR1420041010050500013M02606", 27)]
    [InlineData("NL91ABNA0417164300", 18)]
    [InlineData("BE68 5390 0754 7034 thanks", 19)]
    [InlineData("NO9386011117947", 15)]
    [InlineData("MT84MALT011000012345MTLCAST001S", 31)]
    [InlineData("DE89370400440532013001", 0)]
    [InlineData("DE8937040044053201300", 0)]
    [InlineData("DE893704004405320130001", 0)]
    [InlineData("XX89370400440532013000", 0)]
    [InlineData("GB00WEST12345698765432", 0)]
    [InlineData("DE89", 0)]
    public void MatchLength_Table_ReturnsTheIbanLengthOrZero(string candidate, int expected)
    {
        Assert.Equal(expected, IbanChecksum.MatchLength(candidate));
    }
}
