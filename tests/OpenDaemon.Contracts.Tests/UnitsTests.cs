using System.Text.Json;

namespace OpenDaemon.Contracts.Tests;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("7d", 604_800_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData(" 10 s ", 10_000)]
    [InlineData("1500", 1_500)]
    [InlineData("0", 0)]
    public void TryParseDuration_ValidText_ReturnsMilliseconds(string text, double milliseconds)
    {
        Assert.True(Units.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    [InlineData("s")]
    [InlineData("1..5s")]
    [InlineData(null)]
    public void TryParseDuration_BadText_ReturnsFalse(string? text) =>
        Assert.False(Units.TryParseDuration(text, out _));

    [Theory]
    [InlineData("3000", 3000)]
    [InlineData("\"3s\"", 3000)]
    [InlineData("0.5", 0.5)]
    public void TryParseDuration_JsonNumberOrString_NumbersAreMilliseconds(string json, double milliseconds)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(Units.TryParseDuration(document.RootElement, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void TryParseDuration_JsonBadValue_ReturnsFalse(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(Units.TryParseDuration(document.RootElement, out _));
    }

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("512B", 512L)]
    [InlineData("64K", 64L << 10)]
    [InlineData("64kb", 64L << 10)]
    [InlineData("512M", 512L << 20)]
    [InlineData("512MB", 512L << 20)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("2T", 2L << 40)]
    [InlineData(" 10 M ", 10L << 20)]
    public void TryParseSize_ValidText_ReturnsBytes(string text, long bytes)
    {
        Assert.True(Units.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1M")]
    [InlineData("5X")]
    [InlineData("M")]
    [InlineData("99999999999T")]
    public void TryParseSize_BadText_ReturnsFalse(string text) =>
        Assert.False(Units.TryParseSize(text, out _));

    [Theory]
    [InlineData("1048576", true, 1048576L)]
    [InlineData("\"1M\"", true, 1048576L)]
    [InlineData("1.5", false, 0L)]
    [InlineData("-1", false, 0L)]
    [InlineData("null", false, 0L)]
    public void TryParseSize_Json_NumbersAreWholeBytes(string json, bool ok, long bytes)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(ok, Units.TryParseSize(document.RootElement, out var parsed));
        Assert.Equal(bytes, parsed);
    }
}
