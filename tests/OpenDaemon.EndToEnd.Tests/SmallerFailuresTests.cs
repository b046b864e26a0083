using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>Issue 12, part 7: smaller failures that used to pass silently or surface as UNKNOWN_ERROR.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SmallerFailuresTests
{
    [Fact]
    public async Task Start_NameLongerThanLimit_FailsWithInvalidParams()
    {
        await using var od = new OdSandbox();

        var start = await od.RunAsync("start", "/bin/sleep", "--name", new string('n', 101), "--", "100");

        Assert.True(start.ExitCode == 1, start.ToString());
        Assert.Contains("INVALID_PARAMS: ", start.StandardError, StringComparison.Ordinal);
        Assert.Contains("at most 100 bytes", start.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ScriptWithoutExecuteBitOrInterpreter_FailsWithScriptNotExecutable()
    {
        await using var od = new OdSandbox();
        // A binary: PM2's rules run a text file without exec bit through node or its shebang, never a binary.
        var script = Path.Combine(od.Home, "server");
        File.WriteAllBytes(script, [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0]);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var start = await od.RunAsync("start", script);

        Assert.True(start.ExitCode == 1, start.ToString());
        Assert.Contains("SCRIPT_NOT_EXECUTABLE: ", start.StandardError, StringComparison.Ordinal);
        Assert.Contains("chmod +x", start.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resurrect_AllSavedAppsRunning_SaysSo()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("start", "/bin/sleep", "--name", "a", "--", "100")).ExitCode);
        Assert.Equal(0, (await od.RunAsync("start", "/bin/sleep", "--name", "b", "--", "100")).ExitCode);
        Assert.Equal(0, (await od.RunAsync("save")).ExitCode);

        var resurrect = await od.RunAsync("resurrect");

        Assert.True(resurrect.ExitCode == 0, resurrect.ToString());
        Assert.Contains("all 2 saved apps are already running", resurrect.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("no apps were saved", resurrect.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_ConcurrentClientsWithNoDaemon_OnlyOneSaysItStartedTheDaemon()
    {
        await using var od = new OdSandbox();

        var pings = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => od.RunAsync("ping")));

        Assert.All(pings, ping => Assert.True(ping.ExitCode == 0, ping.ToString()));
        Assert.Equal(1, pings.Count(ping => ping.StandardError.Contains("started the daemon", StringComparison.Ordinal)));
    }
}
