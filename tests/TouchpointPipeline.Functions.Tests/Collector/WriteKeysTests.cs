using Microsoft.Extensions.Options;
using TouchpointPipeline.Functions.Collector;

namespace TouchpointPipeline.Functions.Tests.Collector;

public sealed class WriteKeysTests
{
    private static CollectorOptions Options(params (string Name, string Key, string[] Sources)[] keys) => new()
    {
        WriteKeys = keys.ToDictionary(k => k.Name, k => new WriteKeyOptions { Key = k.Key, Sources = k.Sources, Kind = WriteKeyKind.Server }, StringComparer.Ordinal),
    };

    [Theory]
    [InlineData("web-key-0123456789abcdef", "web")]
    [InlineData("srv-key-0123456789abcdef", "server")]
    [InlineData("web-key-0123456789abcdeF", null)]
    [InlineData("web-key-0123456789abcde", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Authenticate_PresentedKey_ResolvesOnlyAnExactMatch(string? presented, string? expectedName)
    {
        var keys = new WriteKeys(Microsoft.Extensions.Options.Options.Create(Options(
            ("web", "web-key-0123456789abcdef", ["web/shop"]), ("server", "srv-key-0123456789abcdef", ["*"]))));

        Assert.Equal(expectedName, keys.Authenticate(presented)?.Name);
    }

    [Fact]
    public void Grant_Sources_ExactMatchOrWildcard()
    {
        var web = WriteKeyGrant.From("web", new WriteKeyOptions { Kind = WriteKeyKind.Browser, Sources = ["web/shop"] });
        var any = WriteKeyGrant.From("server", new WriteKeyOptions { Kind = WriteKeyKind.Server, Sources = ["*"] });

        Assert.True(web.Allows("web/shop"));
        Assert.False(web.Allows("web/shop2"));
        Assert.False(web.Allows(null));
        Assert.True(any.Allows("anything"));
    }

    [Fact]
    public void Validator_BadKeys_FailWithEachProblem()
    {
        var options = Options(("short", "abc", ["web/shop"]), ("nosources", "0123456789abcdef-1", []), ("a", "same-key-0123456789", ["x"]), ("b", "same-key-0123456789", ["y"]));
        options.AllowedOrigins = ["https://shop.example/path"];

        var result = new CollectorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
    }

    [Fact]
    public void Validator_GoodKeys_Succeed()
    {
        var options = Options(("web", "web-key-0123456789abcdef", ["web/shop", "app/ios"]));
        options.AllowedOrigins = ["https://shop.example", "http://localhost:5173"];

        Assert.Equal(ValidateOptionsResult.Success, new CollectorOptionsValidator().Validate(null, options));
    }
}
