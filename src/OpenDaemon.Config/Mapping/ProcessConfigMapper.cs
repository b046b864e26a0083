using System.Text.Json;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Config.Mapping;

/// <summary>Maps one app object (spec §3.1) to <see cref="ProcessConfig"/>; sub-configs have their own mappers.</summary>
internal static class ProcessConfigMapper
{
    public static ProcessConfig Map(ObjectReader r)
    {
        var name = r.String("name", required: true);
        if (name is not null)
        {
            CheckName(r, name);
        }

        var cwd = r.FilePath("cwd", r.Context.BaseDirectory) ?? r.Context.BaseDirectory;
        var script = r.String("script", required: true);
        var defaults = new ProcessConfig { Name = string.Empty, Script = string.Empty };
        var listenTimeout = r.Duration("listenTimeout"); // PM2's name for readyTimeout
        var config = new ProcessConfig
        {
            Name = name ?? string.Empty,
            Script = script is null ? string.Empty : ResolveScript(script, cwd),
            Cwd = cwd,
            Env = r.EnvMap("env") ?? defaults.Env,
            Instances = Instances(r) ?? defaults.Instances,
            Mode = r.Enum<ExecMode>("mode") ?? defaults.Mode,
            Interpreter = r.String("interpreter"),
            InterpreterArgs = r.StringList("interpreterArgs", splitString: true) ?? defaults.InterpreterArgs,
            Args = r.StringList("args", splitString: true) ?? defaults.Args,
            MaxMemory = r.Size("maxMemory"),
            MaxCpu = r.Number("maxCpu", 0, double.MaxValue, exclusiveMin: true),
            AutoRestart = AutoRestart(r) ?? defaults.AutoRestart,
            RestartStrategy = r.Enum<RestartBackoff>("restartStrategy") ?? defaults.RestartStrategy,
            RestartDelay = r.Duration("restartDelay") ?? defaults.RestartDelay,
            MaxRestartDelay = r.Duration("maxRestartDelay") ?? defaults.MaxRestartDelay,
            MaxRestarts = r.Int("maxRestarts", min: 0) ?? defaults.MaxRestarts,
            MinUptime = r.Duration("minUptime") ?? defaults.MinUptime,
            KillTimeout = r.Duration("killTimeout") ?? defaults.KillTimeout,
            StopSignal = StopSignal(r) ?? defaults.StopSignal,
            WaitReady = r.Bool("waitReady") ?? defaults.WaitReady,
            ShutdownWithMessage = r.Bool("shutdownWithMessage") ?? defaults.ShutdownWithMessage,
            ReadyTimeout = r.Duration("readyTimeout") ?? listenTimeout ?? defaults.ReadyTimeout,
            ReadyTimeoutAction = r.Enum<ReadyTimeoutAction>("readyTimeoutAction") ?? defaults.ReadyTimeoutAction,
            WatchdogTimeout = r.Duration("watchdogTimeout"),
            Port = r.Int("port", 1, 65535),
            Namespace = r.String("namespace") ?? defaults.Namespace,
            HealthCheck = r.Object("healthCheck", check => HealthCheckMapper.Map(check, cwd)),
            LogFile = r.FilePath("logFile", cwd),
            ErrorLogFile = r.FilePath("errorLogFile", cwd),
            PidFile = r.FilePath("pidFile", cwd),
            InstanceVar = InstanceVar(r) ?? defaults.InstanceVar,
            LogLevel = r.Enum<ProcessLogLevel>("logLevel") ?? defaults.LogLevel,
            MergeLogs = r.Bool("mergeLogs") ?? defaults.MergeLogs,
            Logs = LogsMapper.PlainForPm2(LogsMapper.WithShorthands(r.Object("logs", logs => LogsMapper.Map(logs, cwd)), r, cwd), r),
            Metrics = Metrics(r),
            Cluster = r.Object("cluster", ClusterMapper.Map),
            Deploy = r.Object("deploy", DeployMapper.Map),
            Uid = r.StringOrNumber("uid", "a user name or a numeric id ≥ 0"),
            Gid = r.StringOrNumber("gid", "a group name or a numeric id ≥ 0"),
            Nice = r.Int("nice", -20, 19),
            Umask = Umask(r),
            Detached = r.Bool("detached") ?? defaults.Detached,
            Schedule = ScheduleMapper.Map(r),
            Watch = WatchMapper.Map(r, cwd),
            Dependencies = r.StringList("dependencies") ?? defaults.Dependencies,
            CascadeStop = r.Bool("cascadeStop") ?? defaults.CascadeStop,
            CascadeRestart = r.Bool("cascadeRestart") ?? defaults.CascadeRestart,
            Notifications = r.Object("notifications", NotificationsMapper.Map),
            Limits = r.Object("limits", LimitsMapper.Map),
        };
        if (config.Mode != ExecMode.Cluster && r.Has("cluster"))
        {
            // Said here, not left to be discovered: cluster settings do nothing to an app in fork mode.
            r.Context.Warn(r.PathOf("cluster"), "'cluster' applies with mode: cluster; this app runs in fork mode, so it is ignored");
        }

        return config;
    }

    private static void CheckName(ObjectReader r, string name)
    {
        var path = r.PathOf("name");
        if (AppNames.IsTooLong(name))
        {
            r.Context.Problem(path, AppNames.TooLongMessage(name), $"{System.Text.Encoding.UTF8.GetByteCount(name)} bytes", $"a name of at most {AppNames.MaxBytes} bytes, like \"api-gateway\"");
            return;
        }

        var found = ObjectReader.Quote(name);
        if (name.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            r.Context.Problem(path, $"app name {found} must not contain '/', '\\' or control characters", found, "a name like \"api-gateway\"");
        }
        else if (name.All(char.IsAsciiDigit) || name == "all")
        {
            r.Context.Problem(path, $"app name {found} is reserved (numbers are instance ids, 'all' means every app)", found, "a name like \"api-gateway\"");
        }
    }

    private static readonly string[] ScriptExtensions = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".py", ".dll", ".sh", ".rb", ".php", ".pl", ".exe"];

    // A script that names a file becomes absolute; a bare command ("redis-server") stays for PATH lookup, as in PM2.
    // A command line ("node server.js", "npm start") that is not the path of a file stays as written:
    // it runs through the shell, as PM2 runs it.
    private static string ResolveScript(string script, string cwd)
    {
        if (IsCommandLine(script, cwd))
        {
            return script.Trim();
        }

        var looksLikePath = script.Contains('/', StringComparison.Ordinal) || script.StartsWith('.') || script.StartsWith('~')
            || ScriptExtensions.Contains(Path.GetExtension(script), StringComparer.OrdinalIgnoreCase);
        var candidate = ObjectReader.MakeAbsolute(script, cwd);
        return looksLikePath || File.Exists(candidate) ? candidate : script;
    }

    /// <summary>True when <paramref name="script"/> is a command line rather than the path of a file.</summary>
    public static bool IsCommandLine(string script, string cwd) =>
        script.Trim().Any(char.IsWhiteSpace) && !File.Exists(ObjectReader.MakeAbsolute(script, cwd));

    private static string? InstanceVar(ObjectReader r)
    {
        if (r.String("instanceVar") is not { } name)
        {
            return null;
        }

        if (name.Length > 0 && !name.Any(c => c is '=' or '\0' || char.IsWhiteSpace(c)))
        {
            return name;
        }

        const string Expected = "an environment variable name such as \"INSTANCE_ID\"";
        r.Context.Problem(r.PathOf("instanceVar"), $"expected {Expected}, found {ObjectReader.Quote(name)}", ObjectReader.Quote(name), Expected);
        return null;
    }

    private static InstanceCount? Instances(ObjectReader r)
    {
        const string Expected = "\"max\", \"max-N\" (all usable CPUs but N) or a whole number ≥ 1";
        var value = r.Get("instances");
        if (value is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String && v.GetString()!.Trim() is var text && text.StartsWith("max", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[3..].Trim();
            if (rest.Length == 0)
            {
                return InstanceCount.Max;
            }

            if (rest.StartsWith('-') && int.TryParse(rest.AsSpan(1).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var reserved))
            {
                return InstanceCount.AllBut(reserved);
            }
        }

        if (ObjectReader.TryInt(v, out var count) && count >= 1)
        {
            return InstanceCount.Fixed(count);
        }

        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), out var parsed) && parsed >= 1)
        {
            return InstanceCount.Fixed(parsed);
        }

        return r.Invalid<InstanceCount>("instances", v, Expected);
    }

    private static RestartPolicy? AutoRestart(ObjectReader r)
    {
        var value = r.Get("autoRestart");
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => RestartPolicy.Always,
            JsonValueKind.False => RestartPolicy.Never,
            _ => r.Enum<RestartPolicy>("autoRestart"),
        };
    }

    private static string? StopSignal(ObjectReader r)
    {
        string[] allowed = ["SIGINT", "SIGTERM", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGWINCH"];
        if (r.String("stopSignal") is not { } text)
        {
            return null;
        }

        var signal = text.Trim().ToUpperInvariant();
        signal = signal.StartsWith("SIG", StringComparison.Ordinal) ? signal : "SIG" + signal;
        if (allowed.Contains(signal))
        {
            return signal;
        }

        var expected = "one of " + string.Join(", ", allowed);
        r.Context.Problem(r.PathOf("stopSignal"), $"expected {expected}, found {ObjectReader.Quote(text)}", ObjectReader.Quote(text), expected);
        return null;
    }

    private static int? Umask(ObjectReader r)
    {
        const string Expected = "an octal string like \"022\" or a number from 0 to 511";
        var value = r.Get("umask");
        if (value is not { } v)
        {
            return null;
        }

        if (ObjectReader.TryInt(v, out var number) && number is >= 0 and <= 511)
        {
            return number;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            var digits = v.GetString()!.Trim();
            digits = digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? digits[2..] : digits;
            if (digits.Length is > 0 and <= 4 && digits.All(c => c is >= '0' and <= '7'))
            {
                var mask = Convert.ToInt32(digits, 8);
                if (mask <= 511)
                {
                    return mask;
                }
            }
        }

        return r.InvalidStruct<int>("umask", v, Expected);
    }

    private static MetricsConfig? Metrics(ObjectReader r)
    {
        var value = r.Get("metrics");
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.True => new MetricsConfig(),
            JsonValueKind.False => new MetricsConfig { Enabled = false },
            _ => r.Object("metrics", m =>
            {
                var defaults = new MetricsConfig();
                return new MetricsConfig
                {
                    Enabled = m.Bool("enabled") ?? defaults.Enabled,
                    Interval = m.Duration("interval") ?? defaults.Interval,
                    Runtime = m.Bool("runtime") ?? defaults.Runtime,
                    Labels = m.StringMap("labels") ?? defaults.Labels,
                };
            }),
        };
    }
}
