using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>Probes nothing: the test reports through <see cref="Report"/>, as a watch would.</summary>
internal sealed class FakeHealthMonitor : IHealthMonitor
{
    private Action<HealthReport>? _report;

    /// <summary>Watches started so far (one per health-checked run).</summary>
    public int Watches { get; private set; }

    /// <summary>Watches disposed so far.</summary>
    public int Disposed { get; private set; }

    public IAsyncDisposable Watch(HealthTarget target, Action<HealthReport> report)
    {
        Watches++;
        _report = report;
        return new Handle(this);
    }

    /// <summary>Reports to the latest watch (also after it was disposed: a late report).</summary>
    public void Report(HealthStatus status, bool thresholdReached = false, int failures = 0) =>
        _report!(new HealthReport(
            new ProcessHealth { Status = status, Type = "http", Message = status == HealthStatus.Healthy ? "HTTP 200" : "HTTP 500", ConsecutiveFailures = failures },
            thresholdReached));

    private sealed class Handle(FakeHealthMonitor owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.Disposed++;
            return ValueTask.CompletedTask;
        }
    }
}
