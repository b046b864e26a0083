using System.Text;
using OpenDaemon.Runtime.Reporting;

namespace OpenDaemon.Runtime.Tests.Reporting;

/// <summary>The daemon's greeting: the interval it wants, read defensively.</summary>
public sealed class DaemonConnectionTests
{
    [Theory]
    [InlineData("{\"intervalMs\":5000}", 5000)]
    [InlineData("{\"other\":{\"a\":[1]},\"intervalMs\":250}", 250)]
    [InlineData("{}", 5000)]
    [InlineData("{\"intervalMs\":1}", 100)]
    public void ParseGreeting_Json_TheIntervalWithinBounds(string line, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DaemonConnection.ParseGreeting(Encoding.UTF8.GetBytes(line)));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("[1]")]
    public void ParseGreeting_NotAGreeting_Null(string line)
    {
        Assert.Null(DaemonConnection.ParseGreeting(Encoding.UTF8.GetBytes(line)));
    }
}
