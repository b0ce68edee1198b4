using TouchpointPipeline.Core.Validation;

namespace TouchpointPipeline.Core.Tests.Validation;

public sealed class Rfc3339TimestampTests
{
    [Theory]
    [InlineData("2025-03-14T09:26:53Z", "2025-03-14T09:26:53.0000000+00:00")]
    [InlineData("2025-03-14T09:26:53.5Z", "2025-03-14T09:26:53.5000000+00:00")]
    [InlineData("2025-03-14T09:26:53.589+01:00", "2025-03-14T09:26:53.5890000+01:00")]
    [InlineData("2025-03-14T09:26:53.123456789-05:30", "2025-03-14T09:26:53.1234567-05:30")]
    [InlineData("2025-03-14T09:26:53-00:00", "2025-03-14T09:26:53.0000000+00:00")]
    [InlineData("2024-02-29T23:59:59+14:00", "2024-02-29T23:59:59.0000000+14:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void TryParse_Rfc3339_ReturnsTheInstant(string text, string expected)
    {
        var parsed = Rfc3339Timestamp.TryParse(text, out var value);

        Assert.True(parsed);
        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-03-14T09:26:53")]
    [InlineData("2025-03-14t09:26:53Z")]
    [InlineData("2025-03-14T09:26:53z")]
    [InlineData("2025-03-14 09:26:53Z")]
    [InlineData("2025-03-14")]
    [InlineData("2025-03-14T09:26Z")]
    [InlineData("2025-02-29T00:00:00Z")]
    [InlineData("2025-04-31T00:00:00Z")]
    [InlineData("2025-00-10T00:00:00Z")]
    [InlineData("2025-03-00T00:00:00Z")]
    [InlineData("2025-03-14T24:00:00Z")]
    [InlineData("2025-03-14T09:60:00Z")]
    [InlineData("2025-03-14T09:26:60Z")]
    [InlineData("2025-03-14T09:26:53+0100")]
    [InlineData("2025-03-14T09:26:53+01")]
    [InlineData("2025-03-14T09:26:53+14:01")]
    [InlineData("2025-03-14T09:26:53+01:60")]
    [InlineData("2025-03-14T09:26:53.Z")]
    [InlineData("2025-03-14T09:26:53.1234567890Z")]
    [InlineData("2025-03-14T09:26:53Z ")]
    [InlineData(" 2025-03-14T09:26:53Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("+2025-03-14T09:26:53Z")]
    [InlineData("２０２５-03-14T09:26:53Z")]
    [InlineData("2025-03-14T09:26:53.12a4Z")]
    public void TryParse_NotStrictRfc3339_ReturnsFalse(string text)
    {
        var parsed = Rfc3339Timestamp.TryParse(text, out var value);

        Assert.False(parsed);
        Assert.Equal(default, value);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(Rfc3339Timestamp.TryParse((string?)null, out _));
    }
}
