using System.Globalization;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// What <c>script</c> and <c>command</c> checks run: in the app's working directory (the daemon's when
/// unknown), with the daemon's environment plus OD_APP_NAME, OD_INSTANCE_ID and OD_PID (the run's pid).
/// </summary>
internal static class ProbeCommands
{
    private const string Shell = "/bin/sh";

    /// <summary><c>command</c>: <c>/bin/sh -c "command" sh args...</c>, so the args are $1, $2, ... of the command line.</summary>
    public static IHealthProbe Command(HealthTarget target, IReadOnlyDictionary<string, string> daemonEnvironment, TimeProvider time)
    {
        var check = target.Check;
        var request = new SpawnRequest
        {
            FileName = Shell,
            Arguments = ["-c", check.Command!, "sh", .. check.Args],
            WorkingDirectory = WorkingDirectory(target),
            Environment = Environment(target, daemonEnvironment),
        };
        return new ExitCodeProbe(() => request, "command", time);
    }

    /// <summary>
    /// <c>script</c>: the file (relative to the working directory) run with its args: executed directly when it
    /// is executable (its #! line picks the interpreter), otherwise through /bin/sh.
    /// </summary>
    public static IHealthProbe Script(HealthTarget target, IReadOnlyDictionary<string, string> daemonEnvironment, TimeProvider time)
    {
        var check = target.Check;
        var cwd = WorkingDirectory(target);
        var path = Path.GetFullPath(check.Command!, cwd);
        var environment = Environment(target, daemonEnvironment);
        var script = new SpawnRequest { FileName = path, Arguments = check.Args, WorkingDirectory = cwd, Environment = environment };
        var throughShell = script with { FileName = Shell, Arguments = [path, .. check.Args] };

        // Decided at each check: the file may be created or chmod'ed while the app runs.
        return new ExitCodeProbe(() => IsExecutable(path) ? script : throughShell, $"script {path}", time);
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false; // /bin/sh then says "No such file" itself, and the check fails with that
        }
    }

    private static string WorkingDirectory(HealthTarget target) => target.WorkingDirectory ?? System.Environment.CurrentDirectory;

    private static Dictionary<string, string> Environment(HealthTarget target, IReadOnlyDictionary<string, string> daemonEnvironment) =>
        new(daemonEnvironment, StringComparer.Ordinal)
        {
            ["OD_APP_NAME"] = target.Name,
            ["OD_INSTANCE_ID"] = target.Instance.ToString(CultureInfo.InvariantCulture),
            ["OD_PID"] = target.Pid.ToString(CultureInfo.InvariantCulture),
        };
}
