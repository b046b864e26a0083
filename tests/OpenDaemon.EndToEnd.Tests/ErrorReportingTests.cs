using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>Failures reach the user as one line with a code and a hint, or as JSON; never a stack trace.</summary>
public sealed class ErrorReportingTests
{
    [Fact]
    public async Task DaemonStop_WithNoDaemon_PrintsOneLineWithCodeAndHint()
    {
        await using var od = new OdSandbox();

        var stop = await od.RunAsync("daemon", "stop");

        Assert.Equal(1, stop.ExitCode);
        Assert.Equal("", stop.StandardOutput);
        var line = Assert.Single(stop.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("DAEMON_NOT_RUNNING: no daemon is running", line, StringComparison.Ordinal);
        Assert.Contains("od daemon start", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stop.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonStop_WithNoDaemonAndJson_PrintsTheErrorObject()
    {
        await using var od = new OdSandbox();

        var stop = await od.RunAsync("daemon", "stop", "--json");

        Assert.Equal(1, stop.ExitCode);
        using var json = JsonDocument.Parse(stop.StandardOutput);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("DAEMON_NOT_RUNNING", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("hint").GetString()));
    }

    [Fact]
    public async Task UnknownCommand_ExitsNonZeroAndNamesIt()
    {
        await using var od = new OdSandbox();

        var result = await od.RunAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
