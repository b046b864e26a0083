using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>
/// <c>od daemon restart</c>: save the apps (as <c>od save</c>), stop the daemon, start a new one
/// that restores them (<c>--resurrect</c>) — how a new od binary takes over without losing apps.
/// </summary>
/// <remarks>
/// If the apps cannot be saved, nothing is stopped: the error says why and how to restart anyway.
/// A daemon without the process manager (older, or the plugin is missing) answers METHOD_NOT_FOUND
/// to <c>process.save</c>; it has no apps to keep, so the restart goes on without them.
/// </remarks>
internal static class DaemonRestartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var config = GlobalOptions.CreateConfigOption("Configuration file the new daemon runs");
        var command = new Command("restart", "Save the apps, restart the daemon, restore the apps (a new od binary takes over)") { config };
        CommandActions.Set(command, globals, async context =>
        {
            var (configFile, saved) = await PrepareAsync(context, context.Parse.GetValue(config)).ConfigureAwait(false);
            var output = context.Output;
            try
            {
                await DaemonStopCommand.StopAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
                output.Note(saved is null ? "daemon stopped" : $"saved {Count.Apps(saved.Apps, saved.Instances)} to {saved.Path}; daemon stopped");
            }
            catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
            {
                output.Note("no daemon was running");
            }

            var launch = await DaemonStartCommand.LaunchAsync(context, configFile, resurrect: saved is not null).ConfigureAwait(false);
            var restored = saved is null ? null : await RunningApps.CountAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            output.JsonResult(
                new DaemonRestartOutput(launch.Pid, launch.Socket, context.ClientOptions.Environment.Home, saved?.Apps, restored?.Apps),
                CliJsonContext.Default.DaemonRestartOutput);
            var where = output.Dim($"(pid {launch.Pid}, socket {launch.Socket})");
            output.Line(saved is null || restored is null
                ? $"{output.Green("daemon started")} {where}"
                : $"saved {Count.Of(saved.Apps, "app")}, {output.Green("restarted daemon")}, restored {Count.Of(restored.Apps, "app")} {where}");
            return CliOutput.Success;
        });
        return command;
    }

    /// <summary>
    /// With the running daemon, if any: the configuration file to keep (unless another is named)
    /// and its apps saved to dump.json. Both null when no daemon runs.
    /// </summary>
    private static async Task<(string? ConfigFile, ProcessSaveResult? Saved)> PrepareAsync(CliContext context, string? configOption)
    {
        OdClient client;
        try
        {
            client = await OdClient.ConnectAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
        }
        catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
        {
            return (configOption, null);
        }

        await using (client.ConfigureAwait(false))
        {
            var configFile = configOption ?? (await client.GetStatusAsync(context.Cancellation).ConfigureAwait(false)).ConfigFile;
            try
            {
                return (configFile, await client.SaveAsync(context.Cancellation).ConfigureAwait(false));
            }
            catch (DaemonException error) when (error.Code == ErrorCode.MethodNotFound)
            {
                context.Output.Note("the running daemon cannot save apps (no process manager): restarting without restoring any");
                return (configFile, null);
            }
            catch (DaemonException error) when (error.Code is not (ErrorCode.IpcError or ErrorCode.IpcTimeout))
            {
                throw new DaemonException(
                    error.Code,
                    $"could not save the apps before restarting, so the daemon was left running: {error.Message}",
                    "fix that and retry, or restart without keeping the apps: od daemon stop && od daemon start",
                    error);
            }
        }
    }
}
