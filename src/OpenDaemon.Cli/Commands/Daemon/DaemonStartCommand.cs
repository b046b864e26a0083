using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon start</c>: start a background daemon and return once it answers. Idempotent.</summary>
internal static class DaemonStartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var config = GlobalOptions.CreateConfigOption("Configuration file the daemon runs (reloaded by 'od daemon reload')");
        var resurrect = DaemonRunCommand.CreateResurrectOption();
        var command = new Command("start", "Start the daemon in the background (no-op when it runs)") { config, resurrect };
        CommandActions.Set(command, globals, async context =>
        {
            var restoring = context.Parse.GetValue(resurrect);
            var launch = await LaunchAsync(context, context.Parse.GetValue(config), restoring).ConfigureAwait(false);
            var output = context.Output;
            var restored = restoring && !launch.AlreadyRunning
                ? await RunningApps.CountAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false)
                : null;
            if (restoring && launch.AlreadyRunning)
            {
                output.Note("--resurrect ignored: the daemon was already running ('od resurrect' starts the saved apps in it)");
            }

            output.JsonResult(new DaemonStartOutput(launch.Pid, launch.AlreadyRunning, launch.Socket, context.ClientOptions.Environment.Home, restored?.Apps), CliJsonContext.Default.DaemonStartOutput);
            var where = output.Dim($"(pid {launch.Pid}, socket {launch.Socket})");
            output.Line(launch.AlreadyRunning ? $"daemon already running {where}" : $"{output.Green("daemon started")} {where}");
            if (restored is not null)
            {
                output.Line($"restored {restored.Describe()}");
            }

            return CliOutput.Success;
        });
        return command;
    }

    /// <summary>Starts a daemon unless one answers already; says which.</summary>
    internal static async Task<DaemonLaunch> LaunchAsync(CliContext context, string? configPath, bool resurrect)
    {
        var config = configPath is null ? null : Path.GetFullPath(configPath);
        var options = context.ClientOptions;
        var socket = OdClient.ResolveSocketPath(options);
        // A daemon that is going away (killed a moment ago, its socket not closed yet) is waited out, not
        // reported: then it is "not running", and this start replaces it.
        if (await DaemonProbe.RunningPidAsync(options, DaemonLauncher.StartDeadline, TimeProvider.System, context.Cancellation).ConfigureAwait(false) is { } runningPid)
        {
            return new DaemonLaunch(runningPid, AlreadyRunning: true, socket);
        }

        var (pid, started) = await DaemonLauncher.StartAsync(options, config, resurrect, context.Cancellation).ConfigureAwait(false);
        return new DaemonLaunch(pid, AlreadyRunning: !started, socket);
    }
}
