using OpenDaemon.Hosting.Health;
using OpenDaemon.Kernel.Plugins;

namespace OpenDaemon.Daemon.SelfChecks;

/// <summary>
/// The checks behind <c>od daemon status</c>'s "healthy": the IPC socket is there, the home is writable,
/// the kernel loop is not stalled, and every plugin reports healthy.
/// </summary>
internal static class DaemonSelfChecks
{
    /// <param name="time">The daemon's clock.</param>
    /// <param name="listening">Whether the IPC server runs.</param>
    /// <param name="socketPath">The IPC socket's path.</param>
    /// <param name="home">OD_HOME.</param>
    /// <param name="plugins">The plugin host once it exists (null before).</param>
    public static HealthChecker Create(TimeProvider time, Func<bool> listening, string socketPath, string home, Func<PluginHost?> plugins)
    {
        var checks = new HealthChecker(timeProvider: time, checkTimeout: TimeSpan.FromSeconds(2));
        checks.Register(new HealthCheck("ipc", _ => Task.FromResult(
            listening() && File.Exists(socketPath)
                ? HealthCheckResult.Pass()
                : HealthCheckResult.Fail($"socket {socketPath} is missing"))));
        checks.Register(new HealthCheck("home-writable", cancellationToken => CheckHomeWritableAsync(home, cancellationToken)));
        checks.Register(new HealthCheck("watchdog", _ =>
        {
            var status = plugins()?.Watchdog.Status;
            return Task.FromResult(status is null || status.Healthy
                ? HealthCheckResult.Pass()
                : HealthCheckResult.Fail($"kernel loop stalled for {(status.CurrentStall ?? status.LastLag).TotalSeconds:0.0}s ({status.StallCount} stalls since start)"));
        }));
        checks.Register(new HealthCheck("plugins", async cancellationToken =>
        {
            if (plugins() is not { } host)
            {
                return HealthCheckResult.Pass();
            }

            var unhealthy = (await host.CheckHealthAsync(cancellationToken).ConfigureAwait(false))
                .Where(plugin => !plugin.Value)
                .Select(plugin => plugin.Key)
                .ToList();
            return unhealthy.Count == 0
                ? HealthCheckResult.Pass()
                : HealthCheckResult.Fail($"unhealthy plugins: {string.Join(", ", unhealthy)}");
        }));
        return checks;
    }

    // A full disk or a read-only home is the usual 3 a.m. cause of lost logs and dumps: say so early.
    private static async Task<HealthCheckResult> CheckHomeWritableAsync(string home, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(home, ".write-probe");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return HealthCheckResult.Pass();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Fail($"cannot write to {home}: {error.Message}");
        }
    }
}
