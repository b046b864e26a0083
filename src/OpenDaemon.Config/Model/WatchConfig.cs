namespace OpenDaemon.Config.Model;

/// <summary>Restart on file changes (spec §3.10). <c>watch: true</c> watches the app's working directory.</summary>
public sealed record WatchConfig
{
    /// <summary>Absolute paths to watch.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Glob patterns to ignore (PM2 <c>ignore_watch</c>); default node_modules and .git.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = ["node_modules", ".git"];

    /// <summary>Debounce delay; default 1 s.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Clear the console on restart.</summary>
    public bool ClearConsole { get; init; }
}
