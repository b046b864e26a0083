using System.Collections.Concurrent;
using OpenDaemon.Plugins.Scheduler;

namespace OpenDaemon.Plugins.Tests.Scheduler;

/// <summary>A process manager as a schedule sees it: records starts and restarts with the fake clock's time; the test says when a run exits.</summary>
internal sealed class FakeScheduleTarget(TimeProvider time) : IScheduleTarget
{
    private volatile bool _running;

    public ConcurrentQueue<(string Action, DateTimeOffset At)> Calls { get; } = new();

    public bool Running { get => _running; set => _running = value; }

    public bool IsRunning(string app) => _running;

    public int InstanceCount(string app) => 1;

    public Task StartAsync(string app, CancellationToken cancellationToken)
    {
        _running = true;
        Calls.Enqueue(("start", time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task RestartAsync(string app, CancellationToken cancellationToken)
    {
        _running = true;
        Calls.Enqueue(("restart", time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
