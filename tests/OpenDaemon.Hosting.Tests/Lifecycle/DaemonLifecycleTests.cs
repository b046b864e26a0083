using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.Lifecycle;

namespace OpenDaemon.Hosting.Tests.Lifecycle;

/// <summary>Shared fixture for the lifecycle tests, split by concern into partial files.</summary>
public sealed partial class DaemonLifecycleTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly ConcurrentQueue<DaemonState> _states = new();

    private string LockPath => _dir.File("daemon.lock");

    private string PidPath => _dir.File("daemon.pid");

    public void Dispose() => _dir.Dispose();

    private DaemonLifecycle CreateDaemon(TimeSpan? shutdownTimeout = null, TimeProvider? timeProvider = null)
    {
        var daemon = new DaemonLifecycle(new DaemonLifecycleOptions
        {
            Name = "test",
            LockPath = LockPath,
            PidPath = PidPath,
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(5),
            TimeProvider = timeProvider ?? _time,
        });
        daemon.StateChanged += _states.Enqueue;
        return daemon;
    }

    private static CancellationToken Deadline() => new CancellationTokenSource(TestTimeouts.Short).Token;
}
