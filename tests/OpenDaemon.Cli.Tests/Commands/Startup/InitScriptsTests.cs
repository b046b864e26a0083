using OpenDaemon.Cli.Commands.Startup;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Tests.Commands.Startup;

public sealed class InitScriptsTests
{
    private static readonly StartupSettings Alice = new("alice", "/home/alice", "/home/alice/.opendaemon", "/opt/od/od", "/usr/bin:/bin:/opt/od", "od-alice");

    [Theory]
    [InlineData("ubuntu", "systemd")]
    [InlineData("darwin", "launchd")]
    [InlineData("gentoo", "openrc")]
    [InlineData("centos6", "upstart")]
    [InlineData("freebsd", "rcd")]
    public void Canonical_Pm2PlatformNames_MapToTheInitSystem(string pm2Name, string expected) =>
        Assert.Equal(expected, InitScripts.Canonical(pm2Name));

    [Fact]
    public void Canonical_Windows_IsRefusedWithAReason()
    {
        var error = Assert.Throws<DaemonException>(() => InitScripts.Canonical("windows"));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Contains("WSL", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Systemd_RunsTheDaemonInTheForegroundAsTheUserWithOdHome()
    {
        var unit = InitScripts.Render("systemd", Alice);

        Assert.Equal("/etc/systemd/system/od-alice.service", unit.Destination);
        Assert.Contains("ExecStart=/opt/od/od daemon run --resurrect\n", unit.Content, StringComparison.Ordinal);
        Assert.Contains("User=alice\n", unit.Content, StringComparison.Ordinal);
        Assert.Contains("Environment=\"OD_HOME=/home/alice/.opendaemon\"\n", unit.Content, StringComparison.Ordinal);
        Assert.Contains("KillMode=mixed\n", unit.Content, StringComparison.Ordinal);
        Assert.Equal(["systemctl daemon-reload", "systemctl enable od-alice"], unit.EnableCommands);
    }

    [Fact]
    public void Render_ValuesWithQuotesAndPercent_AreQuotedForTheirFormat()
    {
        var odd = Alice with { OdHome = "/home/a'b/100%", OdPath = "/opt/my od/od" };

        Assert.Contains("export OD_HOME='/home/a'\\''b/100%'", InitScripts.Render("upstart", odd).Content, StringComparison.Ordinal);
        var systemd = InitScripts.Render("systemd", odd).Content;
        Assert.Contains("OD_HOME=/home/a'b/100%%\"", systemd, StringComparison.Ordinal);
        Assert.Contains("ExecStart=\"/opt/my od/od\" daemon run", systemd, StringComparison.Ordinal);
    }
}
