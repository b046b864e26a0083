namespace OpenDaemon.Contracts.Daemon;

/// <summary>
/// How the <c>od</c> CLI and the daemon executable beside it find and talk to each other when one
/// starts the other: the file name, its commands, and the line a detached daemon writes once it
/// answers requests.
/// </summary>
public static class DaemonExecutable
{
    /// <summary>The daemon's file name, next to <c>od</c>.</summary>
    public const string FileName = "od-daemon";

    /// <summary>Overrides where <c>od</c> looks for the daemon executable (tests, unusual installs).</summary>
    public const string PathVariable = "OD_DAEMON_PATH";

    /// <summary>Hosts the daemon: <c>od-daemon run [--detached] [--config FILE] [--resurrect]</c>.</summary>
    public const string RunCommand = "run";

    /// <summary>Leave the terminal once listening (what <c>od daemon start</c> asks for).</summary>
    public const string DetachedOption = "--detached";

    /// <summary>The configuration file the daemon runs.</summary>
    public const string ConfigOption = "--config";

    /// <summary>Start the apps saved by <c>od save</c> once running.</summary>
    public const string ResurrectOption = "--resurrect";

    /// <summary>The line a detached daemon writes on its stderr once it accepts requests.</summary>
    public const string ReadyLine = "od-daemon-ready";
}
