namespace OpenDaemon.Hosting.Health;

/// <summary>The aggregated result of all health checks.</summary>
/// <param name="Healthy">True only if every check passed (and true when there are no checks).</param>
/// <param name="Checks">Each check's result by name, in registration order.</param>
/// <param name="Uptime">Time since the <see cref="HealthChecker"/> was created.</param>
public sealed record HealthStatus(bool Healthy, IReadOnlyDictionary<string, HealthCheckResult> Checks, TimeSpan Uptime);
