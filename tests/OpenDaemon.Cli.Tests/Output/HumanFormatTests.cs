using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class HumanFormatTests
{
    [Theory]
    [InlineData(42, "42s")]
    [InlineData(192, "3m 12s")]
    [InlineData(11_520, "3h 12m")]
    [InlineData(266_400, "3d 2h")]
    public void Duration_PicksTheTwoLargestUnits(int seconds, string expected) =>
        Assert.Equal(expected, HumanFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(29_792_256, "28.4 MB")]
    public void Bytes_UsesBinaryUnits(long bytes, string expected) =>
        Assert.Equal(expected, HumanFormat.Bytes(bytes));
}
