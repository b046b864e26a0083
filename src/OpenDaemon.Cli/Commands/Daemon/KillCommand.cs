using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>
/// PM2's <c>kill</c>: stop the daemon and, with it, every app (as <c>od daemon stop</c>). Unlike
/// <c>od daemon stop</c> it succeeds when no daemon runs, as <c>pm2 kill</c> does: the wanted state holds.
/// </summary>
internal static class KillCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("kill", "Stop the daemon and all its apps (same as od daemon stop; the app list is not saved: run od save first)");
        CommandActions.Set(command, globals, async context =>
        {
            int? pid;
            try
            {
                pid = await DaemonStopCommand.StopAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            }
            catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
            {
                context.Output.JsonResult(new DaemonStopOutput(false, null), CliJsonContext.Default.DaemonStopOutput);
                context.Output.Line("no daemon was running");
                return CliOutput.Success;
            }

            context.Output.JsonResult(new DaemonStopOutput(true, pid), CliJsonContext.Default.DaemonStopOutput);
            context.Output.Line($"{context.Output.Green("daemon stopped")} and its apps{(pid is null ? "" : context.Output.Dim($" (pid {pid})"))}");
            return CliOutput.Success;
        });
        return command;
    }
}
