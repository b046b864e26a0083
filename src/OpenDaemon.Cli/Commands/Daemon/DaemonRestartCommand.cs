using System.CommandLine;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon restart</c>: stop (when running), then start — picks up a new od binary.</summary>
internal static class DaemonRestartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var config = GlobalOptions.CreateConfigOption("Configuration file the new daemon runs");
        var command = new Command("restart", "Stop the daemon if it runs, then start it again") { config };
        CommandActions.Set(command, globals, async context =>
        {
            // Keep the configuration the running daemon had unless another one is named.
            var configPath = context.Parse.GetValue(config) ?? await RunningConfigFileAsync(context).ConfigureAwait(false);
            try
            {
                await DaemonStopCommand.StopAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
                context.Output.Note("daemon stopped");
            }
            catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
            {
                context.Output.Note("no daemon was running");
            }

            return await DaemonStartCommand.StartAsync(context, configPath).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<string?> RunningConfigFileAsync(CliContext context)
    {
        try
        {
            await using var client = await OdClient.ConnectAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            return (await client.GetStatusAsync(context.Cancellation).ConfigureAwait(false)).ConfigFile;
        }
        catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
        {
            return null;
        }
    }
}
