using System.Diagnostics;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Environment;

namespace OpenDaemon.Cli.Front;

/// <summary>
/// Starts a detached daemon when <c>od ping</c> or <c>od ls --json</c> finds none, as od-cli would (its
/// DaemonLauncher), so that the first command on a machine does not also pay for od-cli's start. It handles only
/// the plain case: the daemon writes its ready line. Everything else — no daemon executable, a start error, another
/// CLI's daemon winning the lock, no ready line within <see cref="ReadyDeadline"/> — returns false, and the front
/// door execs od-cli, which starts (or finds) the daemon again and explains what went wrong in its own words.
/// </summary>
/// <remarks>
/// The calling thread waits for the child's ready line, read line by line on a pool thread, for at most
/// <see cref="ReadyDeadline"/>; past it the read is abandoned (the exec to od-cli ends it) and the daemon, if it
/// comes up after all, is left for od-cli to find.
/// </remarks>
internal static class DaemonStarter
{
    /// <summary>How long the daemon may take to say it is ready (od-cli's own deadline, DaemonLauncher.StartDeadline).</summary>
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(20);

    /// <summary>True once a daemon this call spawned says it answers requests.</summary>
    public static bool TryStart(OdEnvironment environment)
    {
        var path = Environment.GetEnvironmentVariable(DaemonExecutable.PathVariable) is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.Combine(AppContext.BaseDirectory, DaemonExecutable.FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        // As od-cli spawns it (DaemonLauncher.Spawn): from "/" so it never pins a directory, so OD_HOME and OD_SOCKET
        // go as the absolute paths this process resolved (a relative OD_HOME would mean another home from "/").
        var startInfo = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (environment.HomeIsExplicit)
        {
            startInfo.Environment[OdEnvironment.HomeVariable] = environment.Home;
        }

        if (environment.SocketOverride is { } socket)
        {
            startInfo.Environment[OdEnvironment.SocketVariable] = socket;
        }

        startInfo.ArgumentList.Add(DaemonExecutable.RunCommand);
        startInfo.ArgumentList.Add(DaemonExecutable.DetachedOption);
        try
        {
            using var child = Process.Start(startInfo);
            return child is not null && ReadyLineArrives(child.StandardError);
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or IOException)
        {
            return false;
        }
    }

    private static bool ReadyLineArrives(StreamReader stderr)
    {
        var read = Task.Run(() =>
        {
            while (stderr.ReadLine() is { } line)
            {
                if (line == DaemonExecutable.ReadyLine)
                {
                    return true;
                }
            }

            return false; // the child ended without being ready: od-cli will say why
        });
        return read.Wait(ReadyDeadline) && read.Result;
    }
}
