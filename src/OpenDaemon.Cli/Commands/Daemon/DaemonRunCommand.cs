using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Contracts.Daemon;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>
/// <c>od daemon run</c>: host the daemon in the foreground until SIGTERM/SIGINT or
/// <c>od daemon stop</c> — for systemd, containers and tests. The CLI execs the daemon executable
/// (<see cref="DaemonExec"/>), so the daemon keeps this process's pid.
/// </summary>
internal static class DaemonRunCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var config = GlobalOptions.CreateConfigOption("Configuration file the daemon runs (reloaded by 'od daemon reload')");
        var resurrect = CreateResurrectOption();
        var command = new Command("run", "Run the daemon in the foreground (for systemd, containers, debugging)") { config, resurrect };
        CommandActions.Set(command, globals, context =>
        {
            var arguments = new List<string>();
            if (context.Parse.GetValue(config) is { } path)
            {
                arguments.AddRange([DaemonExecutable.ConfigOption, Path.GetFullPath(path)]);
            }

            if (context.Parse.GetValue(resurrect))
            {
                arguments.Add(DaemonExecutable.ResurrectOption);
            }

            if (context.Output.Json)
            {
                arguments.Add("--json");
            }

            if (context.Output.Verbose)
            {
                arguments.Add("--verbose");
            }

            DaemonExec.Run(arguments);
            return Task.FromResult(1); // not reached: Run replaces the process or throws
        });
        return command;
    }

    /// <summary><c>--resurrect</c> of <c>od daemon run</c> and <c>od daemon start</c>.</summary>
    internal static Option<bool> CreateResurrectOption() =>
        new("--resurrect") { Description = "Also start the apps saved by 'od save'" };
}
