using System.Text;
using Microsoft.Extensions.Options;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Events;
using TouchpointPipeline.Core.DeadLetters;
using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

public sealed class EventReaderTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly SchemaValidator Validator = SchemaValidator.LoadEmbedded();
    private readonly EventReader _reader = new(Validator, Options.Create(new ValidationOptions()), Options.Create(new IdentityOptions()));

    private static string Event(string time = "2026-11-20T09:59:58.250Z", string keys = "\"customerid\":\"c-1\"", string extra = "") =>
        $$$"""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"{{{time}}}",{{{keys}}},"sessionid":"s-9","subject":"home","channel":"web"{{{extra}}},"data":{"url":"https://shop.example/","title":"Home"}}""";

    private ReadResult Read(string body, DateTimeOffset? received = null) =>
        _reader.Read(new RawEvent(Encoding.UTF8.GetBytes(body), new SourcePosition("clickstream", "1", "42", 42, Received, null)), received ?? Received);

    [Fact]
    public void Read_ValidEvent_NormalizesEnvelopeAndKeepsDataBytes()
    {
        var result = Read(Event());

        var e = Assert.IsType<TouchpointEvent>(result.Event);
        Assert.Equal("e-1", e.Id);
        Assert.Equal("page.viewed", e.Type);
        Assert.Equal(Channel.Web, e.Channel);
        Assert.Equal("c-1", e.CustomerKey);
        Assert.Equal("s-9", e.SessionId);
        Assert.Equal("home", e.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 59, 58, 250, TimeSpan.Zero), e.Time);
        Assert.Equal(Received, e.ReceivedAt);
        Assert.Equal("""{"url":"https://shop.example/","title":"Home"}""", Encoding.UTF8.GetString(e.Data.Span));
        Assert.Equal(42, e.Position.SequenceNumber);
    }

    [Theory]
    [InlineData("\"customerid\":\"c-1\",\"anonymousid\":\"a-1\"", "c-1")]
    [InlineData("\"anonymousid\":\"a-1\"", "anon:a-1")]
    public void Read_CustomerKey_CustomerIdElseAnonPrefix(string keys, string expected)
    {
        Assert.Equal(expected, Read(Event(keys: keys)).Event!.CustomerKey);
    }

    [Theory]
    [InlineData("\"customerid\":\"anon:visitor-1\"", "customerid", "anon:")]
    [InlineData("\"customerid\":\"ANON:visitor-1\",\"anonymousid\":\"a-1\"", "customerid", "anon:")]
    [InlineData("\"customerid\":\" anon:visitor-1\"", "customerid", "anon:")]
    [InlineData("\"customerid\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"", "customerid", "sha256:")]
    [InlineData("\"anonymousid\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"", "anonymousid", "sha256:")]
    [InlineData("\"customerid\":\"erasure:tombstones\"", "customerid", "erasure:")]
    public void Read_IdWithReservedKeyPrefix_InvalidNamingThePrefix(string keys, string field, string prefix)
    {
        var rejected = Read(Event(keys: keys)).Quarantined!;

        Assert.Equal(QuarantineReason.Invalid, rejected.Reason);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((field, "reserved_prefix"), (error.Field, error.Rule));
        Assert.Contains($"must not start with '{prefix}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"customerid\":\"anonymous-coward\"")]
    [InlineData("\"customerid\":\"cust:anon:1\"")]
    [InlineData("\"anonymousid\":\"anon:device-1\"")]
    public void Read_IdMerelyContainingAPrefix_Valid(string keys)
    {
        Assert.NotNull(Read(Event(keys: keys)).Event);
    }

    [Fact]
    public void Read_TimeWithOffset_ConvertedToSameInstant()
    {
        var e = Read(Event(time: "2026-11-20T11:59:58+02:00")).Event!;

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 59, 58, TimeSpan.Zero), e.Time.ToUniversalTime());
    }

    [Theory]
    [InlineData("2026-11-17T09:59:59Z", QuarantineReason.Late)]
    [InlineData("2026-11-20T11:00:01Z", QuarantineReason.Future)]
    public void Read_OutsideTimeWindow_QuarantinedWithReason(string time, string reason)
    {
        var q = Assert.IsType<QuarantinedEvent>(Read(Event(time: time)).Quarantined);

        Assert.Equal(reason, q.Reason);
        Assert.Equal("time", Assert.Single(q.Errors).Field);
        Assert.Equal("e-1", q.EventId);
    }

    [Theory]
    [InlineData("2026-11-17T10:00:00Z")]
    [InlineData("2026-11-20T11:00:00Z")]
    public void Read_ExactlyAtTheLimits_Accepted(string time)
    {
        Assert.NotNull(Read(Event(time: time)).Event);
    }

    [Fact]
    public void Read_CustomLimits_Applied()
    {
        var reader = new EventReader(Validator, Options.Create(new ValidationOptions { MaxLateness = TimeSpan.FromMinutes(1), MaxFuture = TimeSpan.Zero, MaxEventBytes = 2048 }), Options.Create(new IdentityOptions()));

        var late = reader.Read(new RawEvent(Encoding.UTF8.GetBytes(Event(time: "2026-11-20T09:58:00Z")), new SourcePosition("h", null, null, null, null, null)), Received);

        Assert.Equal(QuarantineReason.Late, late.Quarantined!.Reason);
    }

    [Fact]
    public void Read_TooLarge_QuarantinedBeforeParsing()
    {
        var body = Event(extra: $",\"padding\":\"{new string('x', 33 * 1024)}\"");

        var q = Read(body).Quarantined!;

        Assert.Equal(QuarantineReason.TooLarge, q.Reason);
        Assert.Equal("maxBytes", q.Errors[0].Rule);
        Assert.Null(q.EventId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("{\"id\":")]
    [InlineData("\u00ff\u00fe")]
    public void Read_NotJson_QuarantinedAsMalformed(string body)
    {
        var q = Read(body).Quarantined!;

        Assert.Equal(QuarantineReason.Malformed, q.Reason);
        Assert.Equal("json", q.Errors[0].Rule);
    }

    [Fact]
    public void Read_SchemaViolation_QuarantinedAsInvalidWithFieldAndRule()
    {
        var q = Read(Event().Replace("\"channel\":\"web\"", "\"channel\":\"call\"", StringComparison.Ordinal)).Quarantined!;

        Assert.Equal(QuarantineReason.Invalid, q.Reason);
        Assert.Contains(q.Errors, e => e.Field == "channel");
        Assert.Equal("e-1", q.EventId);
    }

    [Fact]
    public void Read_InvalidEvent_KeepsRawBodyAndPosition()
    {
        var body = "{\"hello\":1}";

        var q = Read(body).Quarantined!;

        Assert.Equal(body, Encoding.UTF8.GetString(q.Body.Span));
        Assert.Equal("42", q.Position.Offset);
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"e-1\ud800","source":"web/shop","type":"page.viewed","time":"2026-11-20T09:59:58Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/"}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/\udc00shop","type":"page.viewed","time":"2026-11-20T09:59:58Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/"}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"2026-11-20T09:59:58Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/","note":"\ud83d"}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"2026-11-20T09:59:58Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/","a":1,"\ud800":2}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"2026-11-20T09:59:58Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/","amount":1e400}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"2026-11-20T09:59:58Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/","list":[1,-1e309]}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"0001-01-01T00:00:00Z","sentat":"9999-12-31T23:59:59Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/"}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","source":"web/shop","type":"page.viewed","time":"9999-12-31T23:59:59Z","sentat":"0001-01-01T00:00:00Z","customerid":"c-1","channel":"web","data":{"url":"https://shop.example/"}}""")]
    public void Read_UnrepresentableContent_QuarantinedAsInvalidNeverThrows(string body)
    {
        var result = Read(body);

        Assert.Null(result.Event);
        Assert.Equal(QuarantineReason.Invalid, result.Quarantined!.Reason);
    }

    [Fact]
    public void Read_LoneSurrogateInId_QuarantineRecordLeavesIdOut()
    {
        var result = Read(Event().Replace("\"id\":\"e-1\"", "\"id\":\"e-1\\ud800\"", StringComparison.Ordinal));

        Assert.Null(result.Quarantined!.EventId);
        Assert.Equal(QuarantineReason.Invalid, result.Quarantined.Reason);
    }

    [Fact]
    public void Read_ReceivedTimeAtTheEndOfTheCalendar_JudgedWithoutOverflow()
    {
        var result = Read(Event(time: "9999-12-31T23:59:58Z"), DateTimeOffset.MaxValue);

        Assert.NotNull(result.Event);
    }

    [Fact]
    public void Read_SentAtPairWithinTheCalendar_TimeDerivedFromReceivedTime()
    {
        var result = Read(Event(time: "2026-11-20T09:00:00Z", extra: ",\"sentat\":\"2026-11-20T09:00:05Z\""));

        Assert.Equal(Received.AddSeconds(-5), result.Event!.Time);
    }
}
