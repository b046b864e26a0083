namespace OpenDaemon.Config.Model;

/// <summary>
/// One app (spec §3.1 ProcessConfig) with <c>defaults</c> merged in and the selected
/// <c>env_&lt;name&gt;</c> applied. Units are already parsed: durations are TimeSpan, sizes are
/// bytes; <see cref="Cwd"/>, file paths and a <see cref="Script"/> that names a file are absolute.
/// </summary>
public sealed record ProcessConfig
{
    /// <summary>Unique name of the app.</summary>
    public required string Name { get; init; }

    /// <summary>What to run: an absolute path when it names a file, else a command looked up on PATH.</summary>
    public required string Script { get; init; }

    /// <summary>Absolute working directory; the config file's directory when not set.</summary>
    public string Cwd { get; init; } = string.Empty;

    /// <summary>Environment variables; values are literals or secret references.</summary>
    public IReadOnlyDictionary<string, EnvValue> Env { get; init; } = new Dictionary<string, EnvValue>(StringComparer.Ordinal);

    /// <summary>How many instances; default one.</summary>
    public InstanceCount Instances { get; init; } = InstanceCount.One;

    /// <summary>fork or cluster; default fork.</summary>
    public ExecMode Mode { get; init; } = ExecMode.Fork;

    /// <summary>Program that runs the script (<c>node</c>, <c>python3</c>, <c>none</c>), or null to choose by extension.</summary>
    public string? Interpreter { get; init; }

    /// <summary>Arguments for the interpreter (PM2 <c>node_args</c>).</summary>
    public IReadOnlyList<string> InterpreterArgs { get; init; } = [];

    /// <summary>Arguments for the script.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Restart when RSS exceeds this many bytes (PM2 <c>max_memory_restart</c>), or null.</summary>
    public long? MaxMemory { get; init; }

    /// <summary>CPU percentage ceiling, or null.</summary>
    public double? MaxCpu { get; init; }

    /// <summary>When to restart after an exit; default always.</summary>
    public RestartPolicy AutoRestart { get; init; } = RestartPolicy.Always;

    /// <summary>How the restart delay grows; default fixed.</summary>
    public RestartBackoff RestartStrategy { get; init; } = RestartBackoff.Fixed;

    /// <summary>Delay before a restart (the initial delay for exponential backoff); default 0.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Upper bound of the delay that linear and exponential backoff grow to; default 30 s.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive unstable restarts before the app is marked errored; default 16 (as PM2).</summary>
    public int MaxRestarts { get; init; } = 16;

    /// <summary>A run shorter than this counts as unstable; default 1 s (as PM2).</summary>
    public TimeSpan MinUptime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time between the stop signal and SIGKILL; default 1.6 s (as PM2).</summary>
    public TimeSpan KillTimeout { get; init; } = TimeSpan.FromMilliseconds(1600);

    /// <summary>Signal sent to stop the app; default SIGINT.</summary>
    public string StopSignal { get; init; } = "SIGINT";

    /// <summary>
    /// Wait for the app to send <c>READY=1</c> through the systemd notify protocol
    /// (<c>NOTIFY_SOCKET</c>) before it counts as online.
    /// </summary>
    public bool WaitReady { get; init; }

    /// <summary>
    /// Stop the app by sending it the message <c>"shutdown"</c> over its Node IPC channel instead of
    /// <see cref="StopSignal"/> (PM2 <c>shutdown_with_message</c>); apps without a channel get the signal.
    /// SIGKILL still follows after <see cref="KillTimeout"/>.
    /// </summary>
    public bool ShutdownWithMessage { get; init; }

    /// <summary>
    /// How long a <see cref="WaitReady"/> app may take to report ready before <see cref="ReadyTimeoutAction"/> applies;
    /// default 30 s. PM2's <c>listen_timeout</c> / <c>listenTimeout</c> set it too.
    /// </summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What <see cref="ReadyTimeout"/> passing does: fail (default) or go online anyway (PM2's <c>wait_ready</c>).</summary>
    public ReadyTimeoutAction ReadyTimeoutAction { get; init; }

    /// <summary>
    /// When set, an app that sent <c>WATCHDOG=1</c> once must keep sending it at least this often,
    /// or it is considered hung and restarted (systemd's <c>WatchdogSec</c>).
    /// </summary>
    public TimeSpan? WatchdogTimeout { get; init; }

    /// <summary>The port the app serves on (informational; used by cluster mode and templates), or null.</summary>
    public int? Port { get; init; }

    /// <summary>Group name for bulk commands (PM2 <c>namespace</c>); default <c>default</c>.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Health check, or null for the process-alive check.</summary>
    public HealthCheckConfig? HealthCheck { get; init; }

    /// <summary>Absolute stdout log file (PM2 <c>out_file</c>), or null for the log manager's default.</summary>
    public string? LogFile { get; init; }

    /// <summary>Absolute stderr log file (PM2 <c>error_file</c>), or null for the default.</summary>
    public string? ErrorLogFile { get; init; }

    /// <summary>
    /// Absolute file the app's pid is written to (PM2 <c>pid_file</c>), or null. As in PM2, the instance id
    /// goes before the extension: <c>app.pid</c> becomes <c>app-0.pid</c>.
    /// </summary>
    public string? PidFile { get; init; }

    /// <summary>The variable that carries the instance number (PM2 <c>instance_var</c>); default <c>NODE_APP_INSTANCE</c>.</summary>
    public string InstanceVar { get; init; } = "NODE_APP_INSTANCE";

    /// <summary>Least severe level kept; default info.</summary>
    public ProcessLogLevel LogLevel { get; init; } = ProcessLogLevel.Info;

    /// <summary>Write all instances (and stdout/stderr) to one file (PM2 <c>merge_logs</c>).</summary>
    public bool MergeLogs { get; init; }

    /// <summary>Timestamp format and rotation, or null for defaults.</summary>
    public LogConfig? Logs { get; init; }

    /// <summary>Metrics collection options, or null for defaults.</summary>
    public MetricsConfig? Metrics { get; init; }

    /// <summary>Cluster options, or null.</summary>
    public ClusterConfig? Cluster { get; init; }

    /// <summary>Deployment strategy, or null.</summary>
    public DeployConfig? Deploy { get; init; }

    /// <summary>User to run as (name or numeric id), or null.</summary>
    public string? Uid { get; init; }

    /// <summary>Group to run as (name or numeric id), or null.</summary>
    public string? Gid { get; init; }

    /// <summary>Scheduling priority −20…19, or null.</summary>
    public int? Nice { get; init; }

    /// <summary>File mode creation mask (a string is octal: <c>"022"</c>), or null.</summary>
    public int? Umask { get; init; }

    /// <summary>Keep running when the daemon exits.</summary>
    public bool Detached { get; init; }

    /// <summary>Cron schedule, or null.</summary>
    public ScheduleConfig? Schedule { get; init; }

    /// <summary>Watch mode, or null when off.</summary>
    public WatchConfig? Watch { get; init; }

    /// <summary>Apps that must be healthy before this one starts.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>Stop dependents before this app stops.</summary>
    public bool CascadeStop { get; init; }

    /// <summary>Restart dependents when this app restarts.</summary>
    public bool CascadeRestart { get; init; }

    /// <summary>Notifications for this app, or null.</summary>
    public NotificationConfig? Notifications { get; init; }

    /// <summary>Resource limits, or null.</summary>
    public ResourceLimits? Limits { get; init; }
}
