namespace OpenDaemon.Config;

/// <summary>How to load a configuration file.</summary>
public sealed record ConfigLoadOptions
{
    /// <summary>Default options: no environment selected, <c>node</c> from PATH, 10 s timeout.</summary>
    public static ConfigLoadOptions Default { get; } = new();

    /// <summary>
    /// The environment selected with <c>--env</c>: each app's <c>env_&lt;name&gt;</c> block is merged
    /// over its <c>env</c>. Null selects none (PM2's behaviour without <c>--env</c>).
    /// </summary>
    public string? EnvironmentName { get; init; }

    /// <summary>
    /// Fields set on every app as if the file had them, replacing what the app has for the same field
    /// (whichever spelling, PM2's or ours): the flags of <c>od start</c>. Keys are ecosystem keys
    /// (<c>max_memory_restart</c>, <c>ignore_watch</c>) or ours; values are what the file would hold.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? AppFields { get; init; }

    /// <summary>The node executable that evaluates <c>.js</c>/<c>.mjs</c>/<c>.cjs</c>/<c>.ts</c> configs.</summary>
    public string NodeExecutable { get; init; } = "node";

    /// <summary>How long node may take to evaluate a config before it is killed.</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most JSON a JS config may print on stdout (16 MB); past it node is killed and the load fails.</summary>
    public long NodeMaxStdoutBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// The most a JS config may print on stderr (4 MB); past it node is killed and the load fails. Only the
    /// last 1 MB is kept for the error message.
    /// </summary>
    public long NodeMaxStderrBytes { get; init; } = 4L * 1024 * 1024;
}
