namespace OpenDaemon.Hosting.Health;

/// <summary>A named health check. The token is cancelled when the check times out or the caller gives up.</summary>
/// <param name="Name">Unique name; the key in <see cref="HealthStatus.Checks"/>.</param>
/// <param name="Check">Probes one dependency. Throwing counts as unhealthy with the exception's message.</param>
public sealed record HealthCheck(string Name, Func<CancellationToken, Task<HealthCheckResult>> Check);
