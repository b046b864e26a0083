using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// <c>od</c> answers <c>od ping</c> and <c>od ls --json</c> itself when a daemon listens, and execs od-cli for the
/// rest. Pointing OD_CLI_PATH at nothing tells the two apart: what still works was answered by the front door.
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
    public async Task Ping_NoDaemon_OdCliStartsOne()
    {
        await using var od = new OdSandbox();

        var ping = await od.RunAsync("ping");

        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.StartsWith("pong (", ping.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("started the daemon", ping.StandardError, StringComparison.Ordinal);
    }
}
