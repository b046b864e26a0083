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
    public void Build_UnknownCommandOrMissingArgument_IsAParseError(params string[] args)
    {
        var parse = CliApp.Build().Parse(args);

        Assert.NotEmpty(parse.Errors);
    }
}
