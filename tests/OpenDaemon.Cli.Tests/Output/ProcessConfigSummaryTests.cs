using System.Text.Json;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class ProcessConfigSummaryTests
{
    [Fact]
    public void Read_KnownKeys_InAFixedOrderWithHumanValues()
    {
        var settings = Read("""{"maxMemory":1048576,"instances":{"isMax":true},"autoRestart":"OnFailure","script":"/a b/app.js","args":["x y","z"],"minUptime":"00:00:01.5000000","env":{"A":"1"}}""");

        Assert.Equal(
            [
                new("script", "/a b/app.js"),
                new("args", "\"x y\" z"),
                new("instances", "max"),
                new("autoRestart", "on-failure"),
                new("minUptime", "1.5s"),
                new("maxMemory", "1.0 MB"),
            ],
            settings);
    }

    [Fact]
    public void Read_PlainNumbersAndCaseInsensitiveKeys_AreShownAsTheyAre() =>
        Assert.Equal([new("instances", "3"), new("killTimeout", "5000")], Read("""{"Instances":3,"killTimeout":5000,"interpreter":null}"""));

    [Fact]
    public void Read_NotAnObject_IsEmpty() => Assert.Empty(Read("null"));

    private static IReadOnlyList<KeyValuePair<string, string>> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProcessConfigSummary.Read(document.RootElement);
    }
}
