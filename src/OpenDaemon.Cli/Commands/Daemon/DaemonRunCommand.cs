using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Daemon;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>
/// <c>od daemon run</c>: host the daemon in this process until SIGTERM/SIGINT or
/// <c>od daemon stop</c> — for systemd, containers and tests. <c>--detached</c> is what
/// <c>od daemon start</c> runs in the background.
/// </summary>
internal static class DaemonRunCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var detached = new Option<bool>("--detached") { Description = "Leave the terminal once listening (used by 'od daemon start')", Hidden = true };
        var config = GlobalOptions.CreateConfigOption("Configuration file the daemon runs (reloaded by 'od daemon reload')");
        var resurrect = CreateResurrectOption();
        var command = new Command("run", "Run the daemon in the foreground (for systemd, containers, debugging)") { detached, config, resurrect };
        CommandActions.Set(command, globals, async context =>
        {
            var isDetached = context.Parse.GetValue(detached);
            if (isDetached)
            {
                ProcessDetacher.StartNewSession();
            }

            var options = new DaemonHostOptions
            {
                Environment = context.ClientOptions.Environment,
                LogToStandardError = !isDetached,
                ConfigPath = context.Parse.GetValue(config) is { } path ? Path.GetFullPath(path) : null,
                Resurrect = context.Parse.GetValue(resurrect),
                ShimExecutable = SelfExecutable.ShimPath(),
            };
            var host = await DaemonHost.StartAsync(options, context.Cancellation).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                if (isDetached)
                {
                    // Tell the launcher (blocked reading our stderr) that we answer, then let go.
                    await Console.Error.WriteLineAsync(DaemonLauncher.ReadyLine).ConfigureAwait(false);
                    await Console.Error.FlushAsync().ConfigureAwait(false);
                    ProcessDetacher.DetachStandardStreams();
                }

                await host.Stopped.ConfigureAwait(false);
            }

            return CliOutput.Success;
        });
        return command;
    }

    /// <summary><c>--resurrect</c> of <c>od daemon run</c> and <c>od daemon start</c>.</summary>
    internal static Option<bool> CreateResurrectOption() =>
        new("--resurrect") { Description = "Also start the apps saved by 'od save'" };
}
