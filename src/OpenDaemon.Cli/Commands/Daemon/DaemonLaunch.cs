namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>What <see cref="DaemonStartCommand.LaunchAsync"/> found or did.</summary>
internal sealed record DaemonLaunch(int Pid, bool AlreadyRunning, string Socket);
