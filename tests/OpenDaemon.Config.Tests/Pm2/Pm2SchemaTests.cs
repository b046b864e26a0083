using OpenDaemon.Config.Tests.Support;

namespace OpenDaemon.Config.Tests.Pm2;

/// <summary>
/// Every field of PM2's own reference (lib/API/schema.json of Unitech/pm2 at 31adee8, and the aliases it
/// lists) is either mapped to one of ours — the loaded app differs from one without it — or named in a
/// warning. None is refused as unknown, none is silently dropped.
/// </summary>
public sealed class Pm2SchemaTests
{
    public static TheoryData<string, string> Fields() => new()
    {
        // script and name are in every app below; env_<name> is selected by --env (Pm2CorpusTests).
        { "exec", "\"other.js\"" }, { "cmd", "\"other.js\"" }, { "command", "\"other.js\"" },
        { "name_prefix", "\"x\"" }, { "filter_env", "true" }, { "namespace", "\"ns\"" },
        { "install_url", "\"x\"" }, { "cwd", "\"sub\"" }, { "args", "\"--a b\"" },
        { "exec_interpreter", "\"node\"" }, { "interpreter", "\"node\"" },
        { "node_args", "\"--inspect\"" }, { "interpreter_args", "\"--inspect\"" }, { "interpreterArgs", "[\"--inspect\"]" },
        { "out_file", "\"o.log\"" }, { "out", "\"o.log\"" }, { "output", "\"o.log\"" }, { "out_log", "\"o.log\"" },
        { "error_file", "\"e.log\"" }, { "error", "\"e.log\"" }, { "err", "\"e.log\"" }, { "err_file", "\"e.log\"" }, { "err_log", "\"e.log\"" },
        { "log_file", "\"c.log\"" }, { "log", "\"c.log\"" }, { "disable_logs", "true" }, { "log_type", "\"json\"" },
        { "log_date_format", "\"YYYY\"" }, { "time", "true" }, { "env", "{\"A\":\"1\"}" }, 
        { "max_memory_restart", "\"100M\"" }, { "pid_file", "\"a.pid\"" }, { "pid", "\"a.pid\"" },
        { "restart_delay", "100" }, { "exp_backoff_restart_delay", "100" },
        { "source_map_support", "true" }, { "disable_source_map_support", "true" },
        { "wait_ready", "true" }, { "instances", "2" }, { "kill_timeout", "100" }, { "shutdown_with_message", "true" },
        { "listen_timeout", "100" }, { "cron_restart", "\"0 * * * *\"" }, { "cron", "\"0 * * * *\"" },
        { "merge_logs", "true" }, { "combine_logs", "true" }, { "vizion", "false" }, { "autostart", "false" }, { "autorestart", "false" },
        { "stop_exit_codes", "[0]" }, { "watch_delay", "100" }, { "watch", "true" }, { "ignore_watch", "[\"x\"]" },
        { "watch_options", "{}" }, { "min_uptime", "100" }, { "max_restarts", "3" }, 
        { "exec_mode", "\"cluster\"" }, { "force", "true" }, { "append_env_to_name", "true" }, { "post_update", "[\"npm i\"]" },
        { "trace", "true" }, { "disable_trace", "true" }, { "v8", "true" }, { "event_loop_inspector", "true" },
        { "deep_monitoring", "true" }, { "increment_var", "\"PORT\"" }, { "instance_var", "\"ID\"" }, { "pmx", "false" },
        { "automation", "false" }, { "treekill", "false" }, { "port", "3000" }, { "username", "\"me\"" },
        { "uid", "\"me\"" }, { "user", "\"me\"" }, { "gid", "\"me\"" }, { "windowsHide", "true" }, { "kill_retry_time", "100" },
        { "write", "true" }, { "io", "{}" }, { "kill_signal", "\"SIGTERM\"" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Load_Pm2Field_IsMappedOrWarned(string field, string value)
    {
        using var temp = new TempDirectory();
        var baseline = await LoadAsync(temp.Path, "base", string.Empty);
        var result = await LoadAsync(temp.Path, "with", $",\n  \"{field}\": {value}");

        var config = TestConfig.AssertValid(result);
        var warned = result.Warnings.Any(w => w.Path == field || w.Path.EndsWith("." + field, StringComparison.Ordinal));
        var changed = TestConfig.Canonical(config, temp.Path) != TestConfig.Canonical(TestConfig.AssertValid(baseline), temp.Path);
        Assert.True(warned || changed, $"PM2 field '{field}' was neither mapped nor warned about");
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void IsAppField_EveryPm2Field_IsOne(string field, string value)
    {
        Assert.NotNull(value);
        Assert.True(ConfigLoader.IsAppField(field), field);
    }

    [Theory]
    [InlineData("maxMemory", true)]
    [InlineData("execute_command", true)]
    [InlineData("a", false)]
    [InlineData("apps", false)]
    public void IsAppField_OursAndUnknown(string field, bool expected) => Assert.Equal(expected, ConfigLoader.IsAppField(field));

    [Fact]
    public async Task Load_ExecuteCommand_ForcesForkModeAsPm2()
    {
        using var temp = new TempDirectory();

        var result = await LoadAsync(temp.Path, "x", ",\n  \"exec_mode\": \"cluster\",\n  \"execute_command\": true");

        Assert.Equal(Model.ExecMode.Fork, TestConfig.AssertValid(result).Apps[0].Mode);
        Assert.Empty(result.Warnings);
    }

    private static async Task<ConfigLoadResult> LoadAsync(string dir, string name, string extra)
    {
        var file = Path.Combine(dir, $"ecosystem.{name}.json");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        await File.WriteAllTextAsync(file, $"{{\n  \"name\": \"app\",\n  \"script\": \"app.js\"{extra}\n}}\n");
        return await TestConfig.LoadAsync(file);
    }
}
