using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.HealthCheck.Probes;

namespace OpenDaemon.Plugins.HealthCheck;

/// <summary>
/// The thresholds of one watch (spec §3.2): unknown until <c>successThreshold</c> passes in a row
/// (healthy) or <c>failureThreshold</c> failures in a row (unhealthy). A healthy instance stays healthy
/// through fewer failures than the threshold, and an unhealthy one needs <c>successThreshold</c> passes
/// to recover. Pure arithmetic on the results it is given: the watch owns time and I/O.
/// </summary>
internal sealed class HealthTracker(HealthCheckConfig check, string type, DateTimeOffset since)
{
    private ProcessHealth _health = new() { Status = HealthStatus.Unknown, Type = type, LastTransitionAt = since };

    public ProcessHealth Current => _health;

    public HealthUpdate Record(ProbeResult result, TimeSpan latency, DateTimeOffset at)
    {
        var previous = _health.Status;
        var successes = result.Passed ? _health.ConsecutiveSuccesses + 1 : 0;
        var failures = result.Passed ? 0 : _health.ConsecutiveFailures + 1;
        var status = (result.Passed, previous) switch
        {
            (true, not HealthStatus.Healthy) when successes >= check.SuccessThreshold => HealthStatus.Healthy,
            (false, not HealthStatus.Unhealthy) when failures >= check.FailureThreshold => HealthStatus.Unhealthy,
            _ => previous,
        };
        var changed = status != previous;
        _health = _health with
        {
            Status = status,
            LastCheckAt = at,
            LastPassed = result.Passed,
            LatencyMs = Math.Round(latency.TotalMilliseconds, 1),
            Message = result.Message,
            ConsecutiveFailures = failures,
            ConsecutiveSuccesses = successes,
            LastTransitionAt = changed ? at : _health.LastTransitionAt,
        };
        return new HealthUpdate(_health, previous, changed, FailureThresholdReached: changed && status == HealthStatus.Unhealthy);
    }
}

/// <summary>The outcome of one probe for the watch: the new health, and whether the status changed.</summary>
internal sealed record HealthUpdate(ProcessHealth Health, HealthStatus PreviousStatus, bool Changed, bool FailureThresholdReached);
