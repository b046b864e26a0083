namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>Where the process manager keeps its files, given by the daemon that hosts it.</summary>
public sealed record ProcessManagerSettings
{
    /// <summary>Directory of the apps' stdout/stderr logs (<c>$OD_HOME/logs</c>).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>The saved process list (<c>$OD_HOME/dump.json</c>).</summary>
    public required string DumpPath { get; init; }

    /// <summary>Directory for per-instance NOTIFY_SOCKETs; keep it short (socket paths are limited to 108 bytes).</summary>
    public required string NotifyDirectory { get; init; }

    /// <summary>The <c>od</c> binary, used as exec shim to apply uid/gid/nice/umask; null when the daemon is not running from it.</summary>
    public string? ShimExecutable { get; init; }

    /// <summary>Reap orphaned descendants of apps (become a child subreaper). Off only in tests that share a process.</summary>
    public bool ReapOrphans { get; init; } = true;
}
