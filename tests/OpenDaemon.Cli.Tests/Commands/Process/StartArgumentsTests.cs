using System.CommandLine;
using OpenDaemon.Cli.Commands.Process;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Tests.Commands.Process;

public sealed class StartArgumentsTests
{
    private readonly StartArguments _arguments = new();
    private readonly RootCommand _root = new();

    public StartArgumentsTests()
    {
        var start = new Command("start");
        _arguments.AddTo(start);
        _root.Add(start);
    }

    [Fact]
    public void Read_ScriptOnly_SendsTheTargetAsTypedWithTheCallersDirectory()
    {
        var parameters = Read("start", "app.js");

        Assert.Equal("app.js", parameters.Target);
        Assert.Equal("/srv/site", parameters.WorkingDirectory);
        Assert.Null(parameters.Name);
        Assert.Null(parameters.Instances);
        Assert.Null(parameters.Args);
        Assert.Null(parameters.SetEnv);
        Assert.Null(parameters.WaitReady);
        Assert.Null(parameters.Only);
        Assert.False(parameters.UpdateEnv);
    }

    [Fact]
    public void Read_AfterDoubleDash_EverythingIsAScriptArgument()
    {
        var parameters = Read("start", "app.js", "--name", "api", "--", "--port", "3000", "-i", "x");

        Assert.Equal("api", parameters.Name);
        Assert.Null(parameters.Instances);
        Assert.Equal(["--port", "3000", "-i", "x"], parameters.Args);
    }

    [Theory]
    [InlineData("--watch")]
    [InlineData("--max-memory-restart", "200M")]
    [InlineData("-x")]
    public void Read_UnknownOptionBeforeDoubleDash_IsRefusedNamingIt(params string[] option)
    {
        var error = Assert.Throws<DaemonException>(() => Read(["start", "app.js", .. option]));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Equal($"od start has no option {option[0]}", error.Message);
        Assert.Contains("after --", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOptionAfterDoubleDash_GoesToTheApp()
    {
        var parameters = Read("start", "app.js", "--", "--watch", "-5");

        Assert.Equal(["--watch", "-5"], parameters.Args);
    }

    [Fact]
    public void Read_AllOptions_MapToTheRequest()
    {
        var parameters = Read(
            "start", "ecosystem.config.js", "-n", "api", "-i", "max", "--cwd", "sub", "--interpreter", "python3",
            "--setenv", "A=1", "--setenv", "B=2", "--wait-ready", "--only", "api,worker", "--only", "jobs",
            "--env", "production", "--update-env");

        Assert.Equal("ecosystem.config.js", parameters.Target);
        Assert.Equal("api", parameters.Name);
        Assert.Equal("max", parameters.Instances);
        Assert.Equal("/srv/site/sub", parameters.Cwd);
        Assert.Equal("python3", parameters.Interpreter);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, parameters.SetEnv);
        Assert.True(parameters.WaitReady);
        Assert.Equal(["api", "worker", "jobs"], parameters.Only);
        Assert.Equal("production", parameters.Environment);
        Assert.True(parameters.UpdateEnv);
    }

    [Fact]
    public void Read_ZeroInstances_IsInvalidParams()
    {
        var error = Assert.Throws<DaemonException>(() => Read("start", "app.js", "-i", "0"));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
    }

    [Fact]
    public void Read_SetEnvWithoutEquals_IsInvalidParams()
    {
        var error = Assert.Throws<DaemonException>(() => Read("start", "app.js", "--setenv", "PORT"));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
    }

    [Fact]
    public void Parse_WithoutTarget_IsAParseError() =>
        Assert.NotEmpty(_root.Parse(["start"]).Errors);

    private Contracts.Processes.ProcessStartParams Read(params string[] args)
    {
        var parse = _root.Parse(args);
        Assert.Empty(parse.Errors);
        return _arguments.Read(parse, "/srv/site");
    }
}
