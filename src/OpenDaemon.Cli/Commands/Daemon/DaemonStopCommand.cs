using System.CommandLine;
using System.Diagnostics;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>
/// <c>od daemon stop</c>: ask for a graceful shutdown and return only once the daemon has released
/// its lock, PID file and socket — so a following <c>od daemon start</c> never races the old one.
/// </summary>
internal static class DaemonStopCommand
{
    // The daemon's own shutdown timeout is 10 s; allow for it plus process exit.
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("stop", "Stop the daemon gracefully");
        CommandActions.Set(command, globals, async context =>
        {
            var pid = await StopAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(new DaemonStopOutput(true, pid), CliJsonContext.Default.DaemonStopOutput);
            context.Output.Line($"{context.Output.Green("daemon stopped")}{(pid is null ? "" : context.Output.Dim($" (pid {pid})"))}");
            return CliOutput.Success;
        });
        return command;
    }

    /// <summary>Stops the daemon; throws DAEMON_NOT_RUNNING when none runs. Returns its pid.</summary>
    internal static async Task<int?> StopAsync(OdClientOptions options, CancellationToken cancellationToken)
    {
        var paths = OdClient.ResolvePaths(options);
        int? pid;
        await using (var client = await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                pid = (await client.ShutdownAsync(cancellationToken).ConfigureAwait(false)).Pid;
            }
            catch (DaemonException error) when (error.Code == ErrorCode.IpcError)
            {
                // The daemon may close the connection while its answer is on the way: it is stopping.
                pid = DaemonLockProbe.ReadPid(paths.PidPath);
            }
        }

        var clock = Stopwatch.StartNew();
        // The lock is the truth: the daemon releases it as the last step of its stop, and the kernel
        // releases it if the process dies. (A PID can linger as a zombie, so it is not polled.)
        while (DaemonLockProbe.IsHeld(paths.LockPath) || File.Exists(paths.SocketPath))
        {
            if (clock.Elapsed > StopDeadline)
            {
                throw new DaemonException(
                    ErrorCode.ShutdownTimeout,
                    $"the daemon{(pid is null ? "" : $" (pid {pid})")} did not stop within {StopDeadline.TotalSeconds:0}s",
                    pid is null ? "read 'od daemon logs'" : $"read 'od daemon logs'; to force it: kill -9 {pid}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return pid;
    }
}
