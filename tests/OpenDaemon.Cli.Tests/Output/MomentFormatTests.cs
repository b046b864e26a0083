using System.Globalization;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class MomentFormatTests
{
    private static readonly DateTime At = new(2026, 11, 23, 7, 5, 9, 42);

    [Theory]
    [InlineData(MomentFormat.Pm2Default, "2026-11-23-07:05:09")]
    [InlineData("YYYY-MM-DDTHH:mm:ss.SSS", "2026-11-23T07:05:09.042")]
    [InlineData("DD/MM/YY hh:mm A", "23/11/26 07:05 AM")]
    [InlineData("[day] DD", "day 23")]
    public void ToNet_Pm2Pattern_FormatsAsPm2Would(string pattern, string expected) =>
        Assert.Equal(expected, At.ToString(MomentFormat.ToNet(pattern), CultureInfo.InvariantCulture));
}
