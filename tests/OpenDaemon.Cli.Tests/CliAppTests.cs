namespace OpenDaemon.Cli.Tests;

public sealed class CliAppTests
{
    [Theory]
    [InlineData("daemon", "run")]
    [InlineData("daemon", "run", "--resurrect")]
    [InlineData("daemon", "start")]
    [InlineData("daemon", "start", "--resurrect", "-c", "x.yaml")]
    [InlineData("daemon", "stop", "--json")]
    [InlineData("daemon", "restart", "--no-color")]
    [InlineData("daemon", "status", "-q")]
    [InlineData("daemon", "logs", "-n", "5")]
    [InlineData("ping", "--json")]
    [InlineData("version", "-v")]
    [InlineData("start", "app.js", "--name", "api", "-i", "2", "--", "--port", "3000")]
    [InlineData("start", "app.js", "--setenv", "A=1", "--setenv", "B=2", "--json")]
    [InlineData("stop", "api", "worker")]
    [InlineData("stop", "all")]
    [InlineData("restart", "api,worker", "-q")]
    [InlineData("delete", "0", "1")]
    [InlineData("del", "api")]
    [InlineData("list")]
    [InlineData("ls", "--json")]
    [InlineData("status", "--no-color")]
    [InlineData("info", "api")]
    [InlineData("describe", "0")]
    [InlineData("env", "api", "--json")]
    [InlineData("set", "api", "FOO", "bar")]
    [InlineData("save")]
    [InlineData("resurrect")]
    [InlineData("l")]
    [InlineData("ps")]
    [InlineData("jlist")]
    [InlineData("prettylist")]
    [InlineData("desc", "api")]
    [InlineData("dump")]
    [InlineData("cleardump")]
    [InlineData("reset", "all")]
    [InlineData("pid")]
    [InlineData("pid", "api")]
    [InlineData("sendSignal", "SIGUSR2", "api")]
    [InlineData("signal", "USR2", "api", "worker")]
    [InlineData("kill")]
    [InlineData("reloadLogs")]
    [InlineData("flush")]
    [InlineData("flush", "api")]
    [InlineData("daemon", "flush", "api")]
    [InlineData("startOrRestart", "ecosystem.config.js", "--env", "production")]
    [InlineData("startOrReload", "ecosystem.config.js")]
    [InlineData("reload", "api", "--update-env")]
    [InlineData("reload", "all", "--json")]
    [InlineData("scale", "api", "3")]
    [InlineData("scale", "api", "+2")]
    [InlineData("scale", "api", "-1")]
    [InlineData("stop", "ecosystem.config.js")]
    [InlineData("logs", "api", "--nostream", "--raw", "--lines", "20")]
    [InlineData("logs", "--timestamp")]
    [InlineData("logs", "--timestamp", "HH:mm")]
    [InlineData("import", "pm2")]
    [InlineData("import", "pm2", "/root/.pm2/dump.pm2", "--config", "apps.json", "--force")]
    [InlineData("startup")]
    [InlineData("startup", "systemd", "-u", "alice", "--hp", "/home/alice", "--service-name", "od", "--print")]
    [InlineData("unstartup", "launchd")]
    public void Build_KnownCommands_ParseWithoutErrors(params string[] args)
    {
        var parse = CliApp.Build().Parse(args);

        Assert.Empty(parse.Errors);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("stop")]
    [InlineData("info")]
    [InlineData("set", "api", "FOO")]
    [InlineData("sendSignal", "SIGUSR2")]
    [InlineData("reset")]
    [InlineData("import")]
    public void Build_UnknownCommandOrMissingArgument_IsAParseError(params string[] args)
    {
        var parse = CliApp.Build().Parse(args);

        Assert.NotEmpty(parse.Errors);
    }
}
