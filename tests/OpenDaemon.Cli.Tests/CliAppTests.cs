namespace OpenDaemon.Cli.Tests;

public sealed class CliAppTests
{
    [Theory]
    [InlineData("daemon", "run")]
    [InlineData("daemon", "start")]
    [InlineData("daemon", "stop", "--json")]
    [InlineData("daemon", "restart", "--no-color")]
    [InlineData("daemon", "status", "-q")]
    [InlineData("daemon", "logs", "-n", "5")]
    [InlineData("ping", "--json")]
    [InlineData("version", "-v")]
    public void Build_KnownCommands_ParseWithoutErrors(params string[] args)
    {
        var parse = CliApp.Build().Parse(args);

        Assert.Empty(parse.Errors);
    }

    [Fact]
    public void Build_UnknownCommand_IsAParseError()
    {
        var parse = CliApp.Build().Parse(["frobnicate"]);

        Assert.NotEmpty(parse.Errors);
    }
}
