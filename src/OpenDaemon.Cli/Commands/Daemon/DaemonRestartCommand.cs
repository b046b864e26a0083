using System.CommandLine;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon restart</c>: stop (when running), then start — picks up a new od binary.</summary>
internal static class DaemonRestartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("restart", "Stop the daemon if it runs, then start it again");
        CommandActions.Set(command, globals, async context =>
        {
            try
            {
                await DaemonStopCommand.StopAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
                context.Output.Note("daemon stopped");
            }
            catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
            {
                context.Output.Note("no daemon was running");
            }

            return await DaemonStartCommand.StartAsync(context).ConfigureAwait(false);
        });
        return command;
    }
}
