namespace OpenDaemon.Contracts.Daemon;

/// <summary>Answer to <c>daemon.ping</c>.</summary>
/// <param name="Pong">Always true: the daemon answered.</param>
/// <param name="Time">The daemon's clock when it answered.</param>
public sealed record PingResult(bool Pong, DateTimeOffset Time);
