using System.Text;
using System.Text.Json;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

public sealed class RepresentableContentTests
{
    public static readonly TheoryData<string> Unrepresentable = new(
        """{"a":"\ud800"}""",
        """{"a":["x","\uDFFF tail"]}""",
        """{"\udc00":1}""",
        """{"a":1e400}""",
        """{"a":[0, -2.5E+309]}""",
        """{"a":""" + new string('9', 309) + "}",
        """{"a": 1""" + new string('0', 400) + "}",
        "1e999");

    public static readonly TheoryData<string> Representable = new(
        """{"id":"0193a6f2-7c1e-7b3a-9f22-000000000001","type":"element.clicked","n":12.5,"big":1e10}""",
        """{"a":"\ud83d\ude00","b":"\\ud800 is text","c":"\u00e9"}""",
        """{"a":""" + new string('9', 308) + "}",
        """{"a":"1e400 inside a string","b":"x 7e999"}""",
        """{"a":0.""" + new string('1', 500) + "}");

    [Theory]
    [MemberData(nameof(Unrepresentable))]
    public void Check_UnrepresentableValue_ScanAgreesWithTheWalk(string json)
    {
        using var document = JsonDocument.Parse(json);

        var scanned = RepresentableContent.Check(document.RootElement, Encoding.UTF8.GetBytes(json));

        Assert.NotNull(scanned);
        Assert.Equal(RepresentableContent.Check(document.RootElement), scanned);
    }

    [Theory]
    [MemberData(nameof(Representable))]
    public void Check_RepresentableValues_ScanAgreesWithTheWalk(string json)
    {
        using var document = JsonDocument.Parse(json);

        var scanned = RepresentableContent.Check(document.RootElement, Encoding.UTF8.GetBytes(json));

        Assert.Equal(RepresentableContent.Check(document.RootElement), scanned);
    }

    [Fact]
    public void MayBeUnrepresentable_TypicalClick_IsClearedByTheScan()
    {
        var json = """{"id":"0193a6f2-7c1e-7b3a-9f22-00000000001e","type":"element.clicked","time":"2026-11-30T10:00:00.123Z","data":{"url":"https://shop.example/p/12e4?x=1","x":12,"y":-3.25}}""";

        var suspicious = RepresentableContent.MayBeUnrepresentable(Encoding.UTF8.GetBytes(json));

        Assert.False(suspicious);
    }
}
