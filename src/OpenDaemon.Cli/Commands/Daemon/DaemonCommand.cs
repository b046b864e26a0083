using System.CommandLine;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon ...</c>: control the daemon itself.</summary>
internal static class DaemonCommand
{
    public static Command Create(GlobalOptions globals) => new("daemon", "Run, start, stop and inspect the daemon")
    {
        DaemonRunCommand.Create(globals),
        DaemonStartCommand.Create(globals),
        DaemonStopCommand.Create(globals),
        DaemonRestartCommand.Create(globals),
        DaemonStatusCommand.Create(globals),
        DaemonReloadCommand.Create(globals),
        DaemonLogsCommand.Create(globals),
        DaemonFlushCommand.Create(globals),
    };
}
