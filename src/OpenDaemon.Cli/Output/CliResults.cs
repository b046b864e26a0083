using OpenDaemon.Contracts.Daemon;

namespace OpenDaemon.Cli.Output;

// The --json shapes of CLI commands that are not simply a daemon answer. Stable: scripts read them.

/// <summary><c>od daemon start</c>; <c>restoredApps</c> only with <c>--resurrect</c>.</summary>
internal sealed record DaemonStartOutput(int Pid, bool AlreadyRunning, string Socket, string Home, int? RestoredApps = null);

/// <summary><c>od daemon stop</c>.</summary>
internal sealed record DaemonStopOutput(bool Stopped, int? Pid);

/// <summary><c>od ping</c>.</summary>
internal sealed record PingOutput(bool Pong, double LatencyMs, bool DaemonStarted);

/// <summary><c>od api token --json</c>.</summary>
internal sealed record ApiTokenOutput(string Token, string TokenId, string Path, bool Rotated);

/// <summary><c>od version</c>.</summary>
internal sealed record VersionOutput(string Cli, VersionInfo Daemon);

/// <summary><c>od daemon logs</c>.</summary>
internal sealed record DaemonLogsOutput(string Path, IReadOnlyList<string> Lines);

/// <summary><c>od daemon restart</c>: the new daemon, and how many apps were saved and restored (null when no daemon ran).</summary>
internal sealed record DaemonRestartOutput(int Pid, string Socket, string Home, int? SavedApps, int? RestoredApps);

/// <summary><c>od import pm2</c>: the apps, where the config went (with <c>--config</c>), how many instances started, and what could not be mapped.</summary>
internal sealed record ImportOutput(IReadOnlyList<string> Apps, string? Config, int Started, IReadOnlyList<string> NotMapped, IReadOnlyList<string> Notes, IReadOnlyList<string>? Warnings);

/// <summary><c>od startup</c> / <c>od unstartup</c>: the init system, the unit file, and whether it was installed (or removed).</summary>
internal sealed record StartupOutput(string Platform, string Path, bool Installed, IReadOnlyList<string> Commands);
