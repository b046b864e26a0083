using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// <c>od</c> answers <c>od ping</c> and <c>od ls --json</c> itself (starting a daemon when none runs), and execs
/// od-cli for the rest. Pointing OD_CLI_PATH at nothing tells the two apart: what still works was answered by the front door.
/// </summary>
public sealed class FrontDoorTests
{
    private static readonly Dictionary<string, string> NoFullCli = new() { ["OD_CLI_PATH"] = "/nonexistent/od-cli" };

    [Fact]
    public async Task PingAndListJson_WithADaemon_AreAnsweredByTheFrontDoor_AsOdCliAnswersThem()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);

        var ping = await od.RunWithEnvironmentAsync(NoFullCli, "ping");
        var list = await od.RunWithEnvironmentAsync(NoFullCli, "ls", "--json");
        var listFlagFirst = await od.RunWithEnvironmentAsync(NoFullCli, "--json", "status");
        var listByOdCli = await od.RunAsync("ls", "--json", "--no-color"); // a flag the front door leaves to od-cli

        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.Matches(@"^pong \(\d+\.\d\d ms\)\n$", ping.StandardOutput);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(listByOdCli.StandardOutput, list.StandardOutput);
        Assert.Equal(listByOdCli.StandardOutput, listFlagFirst.StandardOutput);
        Assert.Equal("{\"processes\":[]}\n", list.StandardOutput);
    }

    [Fact]
    public async Task OtherCommands_AreOdClis()
    {
        await using var od = new OdSandbox();
        Assert.Equal(0, (await od.RunAsync("daemon", "start")).ExitCode);

        var table = await od.RunWithEnvironmentAsync(NoFullCli, "ls");
        var pingJson = await od.RunWithEnvironmentAsync(NoFullCli, "ping", "--json");

        Assert.Equal(1, table.ExitCode);
        Assert.Contains("cannot run /nonexistent/od-cli", table.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, pingJson.ExitCode);
        Assert.Equal(0, (await od.RunAsync("ls")).ExitCode);
    }

    [Fact]
    public async Task PingAndListJson_NoDaemon_TheFrontDoorStartsOne()
    {
        await using var od = new OdSandbox();
        await using var other = new OdSandbox();

        var ping = await od.RunWithEnvironmentAsync(NoFullCli, "ping");
        var list = await other.RunWithEnvironmentAsync(NoFullCli, "ls", "--json");

        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.Matches(@"^pong \(\d+\.\d\d ms\)\n$", ping.StandardOutput);
        Assert.Equal("started the daemon\n", ping.StandardError); // od-cli's note, as od-cli writes it
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("{\"processes\":[]}\n", list.StandardOutput);
        Assert.Equal("", list.StandardError); // od-cli writes no note in --json mode either
        Assert.True((await od.RunAsync("daemon", "status", "--json")).ExitCode == 0);
        Assert.True((await other.RunAsync("daemon", "status", "--json")).ExitCode == 0);
    }

    [Fact]
    public async Task Ping_NoDaemon_RelativeHome_TheDaemonItStartsUsesTheSameHome()
    {
        await using var od = new OdSandbox();
        var relativeHome = new Dictionary<string, string>(NoFullCli) { ["OD_HOME"] = "." }; // od runs in od.Home

        var ping = await od.RunWithEnvironmentAsync(relativeHome, "ping");

        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.NotNull(od.ReadDaemonPid()); // the daemon (which runs from "/") was given the absolute home
    }

    [Fact]
    public async Task Ping_AtATerminal_NoDaemon_TheFrontDoorStartsOneAndAnswers()
    {
        await using var od = new OdSandbox();
        var command = $"env -u OD_SOCKET OD_HOME='{od.Home}' OD_CLI_PATH=/nonexistent/od-cli '{OdBinary.Path}' ping; echo PING-EXITED $?; sleep 600";
        await using var tmux = await TmuxTerminal.StartAsync(od.Home, 100, 10, command);

        await Poll.UntilAsync(
            async () => (await tmux.ScreenAsync()).Contains("PING-EXITED", StringComparison.Ordinal),
            () => $"od ping to finish; the screen was:\n{tmux.LastScreen}",
            TimeSpan.FromSeconds(30));

        Assert.Matches(@"^started the daemon\npong \(\d+\.\d\d ms\)\nPING-EXITED 0\n", tmux.LastScreen);
    }

    [Fact]
    public async Task Ping_DaemonCannotStart_OdCliSaysWhy()
    {
        await using var od = new OdSandbox();
        var noDaemon = new Dictionary<string, string> { ["OD_DAEMON_PATH"] = "/nonexistent/od-daemon" };

        var ping = await od.RunWithEnvironmentAsync(noDaemon, "ping");

        Assert.Equal(1, ping.ExitCode);
        Assert.Contains("DAEMON_START_FAILED", ping.StandardError, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/od-daemon", ping.StandardError, StringComparison.Ordinal);
    }
}
