using System.ComponentModel;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Daemon.Startup;

/// <summary>
/// Which build of the daemon serves a configuration. <c>od-daemon</c> links no REST/WebSocket API, so a daemon that
/// leaves the API off pays nothing for it, not even the pages of its code; <c>od-daemon-api</c> is the same daemon
/// with the API linked (project OpenDaemon.Daemon.Api, built from the same sources). When the configuration a daemon
/// starts with turns the API on, od-daemon execs od-daemon-api right after reading it, before it takes the lock:
/// same pid, arguments, environment and standard streams, so <c>od daemon start</c> (waiting for the ready line),
/// systemd units (watching the pid) and <c>od daemon status</c> see one daemon. The api section applies only at
/// start (ConfigReloader says so on a reload), which is what makes choosing the build at start enough.
/// </summary>
internal static class DaemonWithApi
{
    /// <summary>The API build's file name, next to od-daemon.</summary>
    public const string FileName = "od-daemon-api";

    /// <summary>Overrides where od-daemon looks for it (the JIT build, where the two sit in different folders).</summary>
    public const string PathVariable = "OD_DAEMON_API_PATH";

    /// <summary>
    /// Execs od-daemon-api when <paramref name="api"/> turns the API on and this build has none; returns when there is
    /// nothing to do, never when the exec succeeds, and throws DAEMON_START_FAILED when it cannot.
    /// </summary>
    /// <param name="api">The start configuration's api section.</param>
    /// <param name="arguments">This daemon's command line after the program name (<c>run --detached --config FILE</c>).</param>
    public static void ExecWhenNeeded(ApiSettings? api, IReadOnlyList<string> arguments)
    {
        if (api is null || ApiHosting.IsLinked)
        {
            return;
        }

        var path = Locate() ?? throw new DaemonException(
            ErrorCode.DaemonStartFailed,
            $"the config turns the API on (api.listen {api.Listen}), but {FileName} is not next to {DaemonExecutable.FileName}",
            $"install {FileName} beside {DaemonExecutable.FileName} (they are built together), set {PathVariable}, or remove the api section");
        int errno = ProcessImage.Replace(path, [path, .. arguments]);
        throw new DaemonException(
            ErrorCode.DaemonStartFailed,
            $"the config turns the API on, but {path} could not be run: {new Win32Exception(errno).Message}",
            $"check that {FileName} is executable, or remove the api section");
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden)
        {
            return overridden;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        return File.Exists(beside) ? beside : null;
    }
}
