using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// One exporter's counts and backoff: after each failure in a row the next push waits twice as long
/// (1 s, 2 s, 4 s ... at most 1 min); a success resets it. Written by the exporter's loop, read by
/// <c>daemon.status</c>: guarded by a lock.
/// </summary>
internal sealed class ExporterHealth(string name, string endpoint, TimeProvider time)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long _sent;
    private long _failed;
    private int _failuresInRow;
    private string? _lastError;
    private DateTimeOffset? _retryAt;

    /// <summary>False while backing off: the pass is skipped (and the next one carries the newer figures).</summary>
    public bool MayPush()
    {
        lock (_lock)
        {
            return _retryAt is not { } retry || time.GetUtcNow() >= retry;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _sent++;
            _failuresInRow = 0;
            _lastError = null;
            _retryAt = null;
        }
    }

    /// <summary>Counts a failure and returns how long to wait before the next push.</summary>
    public TimeSpan Failed(string error)
    {
        lock (_lock)
        {
            _failed++;
            _failuresInRow++;
            _lastError = error;
            var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(_failuresInRow - 1, 16)));
            _retryAt = time.GetUtcNow() + delay;
            return delay;
        }
    }

    public ExporterStatus Status()
    {
        lock (_lock)
        {
            return new ExporterStatus { Name = name, Endpoint = endpoint, Sent = _sent, Failed = _failed, LastError = _lastError, RetryAt = _retryAt };
        }
    }
}
