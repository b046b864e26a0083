using OpenDaemon.Cli.Commands.Logs;

namespace OpenDaemon.Cli.Tests.Commands.Logs;

/// <summary>When <c>od logs</c> keeps following: as <c>pm2 logs</c> on a terminal, and never without end in a pipe.</summary>
public sealed class LogsStreamingTests
{
    [Theory]
    [InlineData(false, false, false, true, true)] // od logs at a terminal: streams, as pm2 logs
    [InlineData(false, false, false, false, false)] // piped: prints and exits
    [InlineData(true, false, false, false, true)] // -f forces it in a pipe
    [InlineData(false, true, false, true, false)] // --nostream at a terminal
    [InlineData(true, true, false, true, false)] // --nostream wins over -f
    [InlineData(false, false, true, true, false)] // --until has an end
    [InlineData(true, false, true, true, true)] // unless -f asks
    public void Streams_FollowsTheFlagsThenTheTerminal(bool follow, bool noStream, bool hasUntil, bool terminal, bool expected) =>
        Assert.Equal(expected, LogsCommand.Streams(follow, noStream, hasUntil, terminal));
}
