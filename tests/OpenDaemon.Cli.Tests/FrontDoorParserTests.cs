using OpenDaemon.Cli.Front;

namespace OpenDaemon.Cli.Tests;

public sealed class FrontDoorParserTests
{
    [Theory]
    [InlineData("Ping", "ping")]
    [InlineData("List", "ls", "--json")]
    [InlineData("List", "list", "--json")]
    [InlineData("List", "status", "--json")]
    [InlineData("List", "l", "--json")]
    [InlineData("List", "ps", "--json")]
    [InlineData("List", "--json", "ls")]
    public void Parse_TheCommandsItAnswers(string expected, params string[] args) =>
        Assert.Equal(Enum.Parse<QuickCommand>(expected), QuickCommandParser.Parse(args));

    [Theory]
    [InlineData]
    [InlineData("ls")]
    [InlineData("ping", "--json")]
    [InlineData("ls", "--json", "-q")]
    [InlineData("ls", "--json", "--no-color")]
    [InlineData("logs", "--json")]
    [InlineData("ls", "--JSON")]
    [InlineData("start", "app.js")]
    public void Parse_EverythingElse_IsLeftToOdCli(params string[] args) =>
        Assert.Null(QuickCommandParser.Parse(args));
}
