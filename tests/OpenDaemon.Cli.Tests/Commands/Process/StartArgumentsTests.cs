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
    [InlineData("--no-such-flag")]
    [InlineData("--max-memory", "200M")]
    [InlineData("-z")]
    public void Read_UnknownOptionBeforeDoubleDash_IsRefusedNamingIt(params string[] option)
    {
        var error = Assert.Throws<DaemonException>(() => Read(["start", "app.js", .. option]));

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
        Assert.Equal($"od start has no option {option[0]}", error.Message);
        Assert.Contains("after --", error.Hint, StringComparison.Ordinal);
    }

    /// <summary>Every pm2 start flag people use, and the ecosystem field (as JSON) it sets.</summary>
    public static TheoryData<string[], string, string> Pm2Flags => new()
    {
        { ["--watch"], "watch", "true" },
        { ["--watch", "src"], "watch", "[\"src\"]" },
        { ["--ignore-watch", "node_modules logs"], "ignore_watch", "[\"node_modules\",\"logs\"]" },
        { ["--ignore-watch", "a,b"], "ignore_watch", "[\"a\",\"b\"]" },
        { ["--watch-delay", "1000"], "watch_delay", "1000" },
        { ["--max-memory-restart", "200M"], "max_memory_restart", "\"200M\"" },
        { ["--cron", "0 * * * *"], "cron_restart", "\"0 * * * *\"" },
        { ["--cron-restart", "0 3 * * *"], "cron_restart", "\"0 3 * * *\"" },
        { ["--time"], "time", "true" },
        { ["--log-date-format", "YYYY-MM-DD HH:mm"], "log_date_format", "\"YYYY-MM-DD HH:mm\"" },
        { ["--node-args", "--inspect --max-old-space-size=512"], "node_args", "\"--inspect --max-old-space-size=512\"" },
        { ["--interpreter-args", "-u"], "node_args", "\"-u\"" },
        { ["-o", "out.log"], "out_file", "\"out.log\"" },
        { ["--output", "out.log"], "out_file", "\"out.log\"" },
        { ["-e", "err.log"], "error_file", "\"err.log\"" },
        { ["--error", "err.log"], "error_file", "\"err.log\"" },
        { ["-l", "all.log"], "log_file", "\"all.log\"" },
        { ["--log"], "log_file", "true" },
        { ["--merge-logs"], "merge_logs", "true" },
        { ["--namespace", "shop"], "namespace", "\"shop\"" },
        { ["--no-autorestart"], "autorestart", "false" },
        { ["--kill-timeout", "3000"], "kill_timeout", "3000" },
        { ["-k", "5s"], "kill_timeout", "\"5s\"" },
        { ["--restart-delay", "4000"], "restart_delay", "4000" },
        { ["--exp-backoff-restart-delay", "100"], "exp_backoff_restart_delay", "100" },
        { ["-x"], "exec_mode", "\"fork\"" },
        { ["--max-restarts", "10"], "max_restarts", "10" },
        { ["--min-uptime", "5s"], "min_uptime", "\"5s\"" },
        { ["--listen-timeout", "8000"], "listen_timeout", "8000" },
        { ["--shutdown-with-message"], "shutdown_with_message", "true" },
        { ["-p", "app.pid"], "pid_file", "\"app.pid\"" },
        { ["--uid", "www-data"], "uid", "\"www-data\"" },
        { ["--gid", "www-data"], "gid", "\"www-data\"" },
    };

    [Theory]
    [MemberData(nameof(Pm2Flags))]
    public void Read_Pm2Flag_SetsItsEcosystemField(string[] flag, string key, string json)
    {
        var parameters = Read(["start", "app.js", .. flag]);

        var field = Assert.Single(parameters.Fields!);
        Assert.Equal(key, field.Key);
        Assert.Equal(json, field.Value.GetRawText());
        Assert.Equal("app.js", parameters.Target);
        Assert.Null(parameters.Args);
    }

    [Fact]
    public void Read_NoPm2Flag_SendsNoFields() => Assert.Null(Read("start", "app.js").Fields);

    [Fact]
    public void Read_WaitReadyIsPm2sField_UpdateEnvAliasIsItsOwnParameter()
    {
        var parameters = Read("start", "api", "--wait-ready", "-a");

        Assert.Null(parameters.WaitReady);
        Assert.True(parameters.Fields!["wait_ready"].GetBoolean());
        Assert.True(parameters.UpdateEnv);
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
        Assert.True(parameters.Fields!["wait_ready"].GetBoolean());
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
