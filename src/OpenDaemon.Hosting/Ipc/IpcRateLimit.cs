namespace OpenDaemon.Hosting.Ipc;

/// <summary>The request rate one client of the Unix socket may keep up: a token bucket per peer uid.</summary>
/// <param name="RequestsPerSecond">Requests per second on average.</param>
/// <param name="Burst">Requests at once above the average.</param>
public sealed record IpcRateLimit(int RequestsPerSecond, int Burst);
