using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class HumanFormatProcessTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(12_400, "12s")]
    [InlineData(59_999, "59s")]
    [InlineData(300_000, "5m")]
    [InlineData(3_599_000, "59m")]
    [InlineData(10_800_000, "3h")]
    [InlineData(172_800_000, "2D")]
    [InlineData(-500, "0s")]
    public void Uptime_UsesOneUnitAsPm2Does(long milliseconds, string expected) =>
        Assert.Equal(expected, HumanFormat.Uptime(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(1600, "1.6s")]
    [InlineData(30_000, "30s")]
    [InlineData(150_000, "2m 30s")]
    public void Interval_KeepsFractionsOfSeconds(long milliseconds, string expected) =>
        Assert.Equal(expected, HumanFormat.Interval(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(0, "0%")]
    [InlineData(0.3, "0.3%")]
    [InlineData(12.25, "12.3%")]
    [InlineData(112.5, "112.5%")]
    public void Percent_HasAtMostOneDecimal(double value, string expected) =>
        Assert.Equal(expected, HumanFormat.Percent(value));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(12_897_485, "12.3 MB")]
    [InlineData(3_221_225_472, "3.0 GB")]
    public void Bytes_FormatsProcessMemory(long bytes, string expected) =>
        Assert.Equal(expected, HumanFormat.Bytes(bytes));
}
