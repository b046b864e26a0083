namespace OpenDaemon.Contracts.Processes;

/// <summary>
/// Parameters of <c>process.start</c>. <see cref="Target"/> is a script, a configuration file,
/// or the name/id of an app the daemon already knows (which is then started with its stored config).
/// </summary>
public sealed record ProcessStartParams
{
    /// <summary>Script path, config file path, or existing app name/id.</summary>
    public required string Target { get; init; }

    /// <summary>The caller's working directory: relative paths in <see cref="Target"/> resolve against it.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>App name (scripts only; default: the script's file name without extension).</summary>
    public string? Name { get; init; }

    /// <summary>Instance count: a number or <c>max</c>.</summary>
    public string? Instances { get; init; }

    /// <summary>The app's working directory (scripts only).</summary>
    public string? Cwd { get; init; }

    /// <summary>Interpreter (<c>node</c>, <c>python3</c>, <c>none</c>, ...).</summary>
    public string? Interpreter { get; init; }

    /// <summary>Environment variables set on top of the app's own (<c>--setenv K=V</c>).</summary>
    public IReadOnlyDictionary<string, string>? SetEnv { get; init; }

    /// <summary>Require an sd_notify <c>READY=1</c> before the app counts as online.</summary>
    public bool? WaitReady { get; init; }

    /// <summary>Start only these apps of a configuration file.</summary>
    public IReadOnlyList<string>? Only { get; init; }

    /// <summary>Environment name: selects <c>env_&lt;name&gt;</c> of a configuration file, as in PM2.</summary>
    public string? Environment { get; init; }

    /// <summary>Arguments passed to the script.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>
    /// Configuration fields set by flags (<c>--max-memory-restart 200M</c> → <c>max_memory_restart: "200M"</c>),
    /// keyed by their ecosystem-file name and holding what the file would hold. They apply to the script's app,
    /// or to every app of a configuration file, replacing the file's value for the same field.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Fields { get; init; }

    /// <summary>For apps that already exist: take the environment from this request instead of the stored one.</summary>
    public bool UpdateEnv { get; init; }

    /// <summary>
    /// PM2's <c>startOrReload</c>: apps of a configuration file that already run are reloaded (zero downtime
    /// in cluster mode, a restart in fork mode) instead of restarted; the others start.
    /// </summary>
    public bool Reload { get; init; }
}
