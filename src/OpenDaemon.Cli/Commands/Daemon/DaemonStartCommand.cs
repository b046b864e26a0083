using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon start</c>: start a background daemon and return once it answers. Idempotent.</summary>
internal static class DaemonStartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var config = GlobalOptions.CreateConfigOption("Configuration file the daemon runs (reloaded by 'od daemon reload')");
        var command = new Command("start", "Start the daemon in the background (no-op when it runs)") { config };
        CommandActions.Set(command, globals, context => StartAsync(context, context.Parse.GetValue(config)));
        return command;
    }

    internal static async Task<int> StartAsync(CliContext context, string? configPath)
    {
        var config = configPath is null ? null : Path.GetFullPath(configPath);
        var options = context.ClientOptions;
        var socket = OdClient.ResolveSocketPath(options);
        var runningPid = await TryGetRunningPidAsync(options, context.Cancellation).ConfigureAwait(false);
        var alreadyRunning = runningPid is not null;
        var pid = runningPid ?? await DaemonLauncher.StartAsync(options, context.Cancellation, config).ConfigureAwait(false);

        context.Output.JsonResult(new DaemonStartOutput(pid, alreadyRunning, socket, options.Environment.Home), CliJsonContext.Default.DaemonStartOutput);
        context.Output.Line(alreadyRunning
            ? $"daemon already running {context.Output.Dim($"(pid {pid}, socket {socket})")}"
            : $"{context.Output.Green("daemon started")} {context.Output.Dim($"(pid {pid}, socket {socket})")}");
        return CliOutput.Success;
    }

    private static async Task<int?> TryGetRunningPidAsync(OdClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            return (await client.GetStatusAsync(cancellationToken).ConfigureAwait(false)).Pid;
        }
        catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
        {
            return null;
        }
    }
}
