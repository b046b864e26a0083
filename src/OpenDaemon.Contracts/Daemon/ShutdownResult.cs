namespace OpenDaemon.Contracts.Daemon;

/// <summary>Answer to <c>daemon.shutdown</c>, sent before the daemon begins to stop.</summary>
/// <param name="Accepted">True: the shutdown has begun.</param>
/// <param name="Pid">The daemon's process id, so a caller can wait for it to exit.</param>
public sealed record ShutdownResult(bool Accepted, int Pid);
