using OpenDaemon.Cli.Commands.Process;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Tests.Commands.Process;

public sealed class ProcessArgumentsTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("4", "4")]
    [InlineData("max", "max")]
    [InlineData("MAX", "max")]
    public void Instances_WholeNumberOrMax_IsAccepted(string value, string expected) =>
        Assert.Equal(expected, ProcessArguments.Instances(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("two")]
    [InlineData("")]
    [InlineData(" 2")]
    public void Instances_Otherwise_IsInvalidParams(string value)
    {
        var error = Assert.Throws<DaemonException>(() => ProcessArguments.Instances(value));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void Instances_NotGiven_IsNull() => Assert.Null(ProcessArguments.Instances(null));

    [Fact]
    public void SetEnv_Pairs_SplitAtTheFirstEqualsAndLastWins()
    {
        var variables = ProcessArguments.SetEnv(["PORT=3000", "URL=http://x/?a=b", "EMPTY=", "PORT=4000"]);

        Assert.NotNull(variables);
        Assert.Equal("4000", variables["PORT"]);
        Assert.Equal("http://x/?a=b", variables["URL"]);
        Assert.Equal("", variables["EMPTY"]);
        Assert.Equal(3, variables.Count);
    }

    [Theory]
    [InlineData("PORT")]
    [InlineData("=3000")]
    [InlineData(" =x")]
    public void SetEnv_WithoutName_IsInvalidParams(string pair)
    {
        var error = Assert.Throws<DaemonException>(() => ProcessArguments.SetEnv([pair]));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Contains(pair, error.Message, StringComparison.Ordinal);
        Assert.Contains("NAME=value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetEnv_None_IsNull() => Assert.Null(ProcessArguments.SetEnv([]));

    [Fact]
    public void Targets_CommaListsAndSeveralArguments_AreFlattened() =>
        Assert.Equal(["api", "worker", "3", "all"], ProcessArguments.Targets(["api, worker", "3", ",all,"], "stop"));

    [Fact]
    public void Targets_OnlyBlanks_IsInvalidParams()
    {
        var error = Assert.Throws<DaemonException>(() => ProcessArguments.Targets([",", " "], "stop"));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Contains("od stop all", error.Hint, StringComparison.Ordinal);
    }
}
