namespace OpenDaemon.Hosting.Ipc;

/// <summary>
/// Counts a repeated event and says when it is worth a log line: the first time, then at most once per
/// <paramref name="period"/> with how many happened since the last line. Used for accept failures and
/// refused connections, which can come by the thousand per second and must not flood the daemon log.
/// </summary>
/// <remarks>Thread-safe: the accept loop is its only writer today, but the lock costs nothing next to an accept.</remarks>
internal sealed class ThrottledCount(TimeProvider time, TimeSpan period)
{
    private readonly Lock _gate = new();
    private long _count;
    private long? _lastLogged;

    /// <summary>Counts one event; true with the count since the last report when one is due now.</summary>
    public bool Record(out long count)
    {
        lock (_gate)
        {
            _count++;
            var now = time.GetTimestamp();
            if (_lastLogged is { } last && time.GetElapsedTime(last, now) < period)
            {
                count = 0;
                return false;
            }

            _lastLogged = now;
            count = _count;
            _count = 0;
            return true;
        }
    }
}
