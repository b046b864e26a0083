using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Daemon.Diagnostics;
using OpenDaemon.Hosting.Health;

namespace OpenDaemon.Daemon;

// What the daemon reports about itself: daemon.status, daemon.version, and its self-checks.
public sealed partial class DaemonHost
{
    internal async Task<DaemonStatusInfo> GetStatusAsync(CancellationToken cancellationToken)
    {
        var health = await _selfChecks.CheckAsync(cancellationToken).ConfigureAwait(false);
        var stats = ProcessSelfStats.Read();
        var startedAt = _lifecycle.StartedAt ?? _options.TimeProvider.GetUtcNow();
        return new DaemonStatusInfo
        {
            Pid = System.Environment.ProcessId,
            State = _lifecycle.State.ToString().ToLowerInvariant(),
            Version = ProductInfo.Version,
            StartedAt = startedAt,
            UptimeSeconds = Math.Round((_options.TimeProvider.GetUtcNow() - startedAt).TotalSeconds, 3),
            Socket = Paths.SocketPath,
            Home = _options.Environment.Home,
            ConfigFile = _configPath,
            MemoryBytes = stats.ResidentBytes,
            ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            Threads = stats.Threads,
            Connections = _server?.ConnectionCount ?? 0,
            Healthy = health.Healthy,
            Checks = health.Checks.ToDictionary(check => check.Key, check => check.Value.Message, StringComparer.Ordinal),
        };
    }

    internal static VersionInfo GetVersion() => new(
        ProductInfo.Version,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ProductInfo.ProtocolVersion);

    /// <summary>
    /// Begins a graceful stop once the caller's answer is on its way. The stop runs on the thread
    /// pool so the RPC that asked for it can be answered first; its outcome is logged here.
    /// </summary>
    internal void RequestShutdown()
    {
        LogShutdownRequested(_logger);
        _ = Task.Run(async () =>
        {
            try
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                LogShutdownFailed(_logger, error);
            }
        });
    }

    private void RegisterSelfChecks()
    {
        _selfChecks.Register(new HealthCheck("ipc", _ => Task.FromResult(
            _server is not null && File.Exists(Paths.SocketPath)
                ? HealthCheckResult.Pass()
                : HealthCheckResult.Fail($"socket {Paths.SocketPath} is missing"))));
        _selfChecks.Register(new HealthCheck("home-writable", CheckHomeWritableAsync));
    }

    // A full disk or a read-only home is the usual 3 a.m. cause of lost logs and dumps: say so early.
    private async Task<HealthCheckResult> CheckHomeWritableAsync(CancellationToken cancellationToken)
    {
        var probe = Path.Combine(_options.Environment.Home, ".write-probe");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return HealthCheckResult.Pass();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Fail($"cannot write to {_options.Environment.Home}: {error.Message}");
        }
    }
}
