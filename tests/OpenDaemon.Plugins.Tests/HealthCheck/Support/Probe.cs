using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.HealthCheck.Probes;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck.Support;

/// <summary>Runs one check once, as a watch would (real clock, the check's timeout), and returns what it found.</summary>
internal static class Probe
{
    public static async Task<ProbeResult> RunAsync(HealthCheckConfig check, int pid = 0, string? workingDirectory = null)
    {
        using var probes = new ProbeFactory(TimeProvider.System);
        var target = new HealthTarget("app", 0, 0, pid == 0 ? Environment.ProcessId : pid, check) { WorkingDirectory = workingDirectory };
        var probe = probes.Create(target);
        try
        {
            return await ProbeRunner.RunAsync(probe, check.Timeout, TimeProvider.System, CancellationToken.None).WaitAsync(TestTimeouts.Process);
        }
        finally
        {
            (probe as IDisposable)?.Dispose();
        }
    }
}
