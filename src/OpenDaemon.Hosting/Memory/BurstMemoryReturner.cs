namespace OpenDaemon.Hosting.Memory;

/// <summary>
/// Gives the memory of a burst back once the daemon is quiet again. Starting hundreds of apps, a flood of log
/// lines or of clients makes the GC commit memory for the burst, which it keeps until its next collection; an
/// idle daemon allocates too little to have one soon, so its RSS would stay at the burst's peak (45 MB more
/// after starting 200 idle apps, with 13 MB of objects alive). Every <see cref="CheckInterval"/> this looks at
/// how much was allocated since the last look: an interval with at least <see cref="BurstBytes"/> is a burst,
/// and the first interval after one with less than <see cref="QuietBytes"/> runs one aggressive, compacting
/// collection (<see cref="ReturnNow"/>), which returns the free memory to the OS, and releases the pages of the
/// executable the burst read (<see cref="ExecutablePages"/>) — at most one per
/// <see cref="MinSpacing"/>, so that a load that comes and goes (metrics sampled every few seconds) costs at
/// most one full collection of a small heap every half minute. A steady load that never goes quiet, or one
/// that never bursts, never triggers it.
/// </summary>
/// <remarks>
/// Concurrency: the timer's callbacks never overlap (it is re-armed after each check), and the two fields are
/// touched only there. The collection runs on the timer's thread-pool thread, blocking only that thread.
/// </remarks>
public sealed class BurstMemoryReturner : IDisposable
{
    /// <summary>How often the allocation counter is read.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two collections.</summary>
    public static readonly TimeSpan MinSpacing = TimeSpan.FromSeconds(30);

    /// <summary>Allocated within one interval: a burst (starting 10 apps is one).</summary>
    public const long BurstBytes = 1L << 20;

    /// <summary>Allocated within one interval after a burst: quiet again.</summary>
    public const long QuietBytes = 256L << 10;

    private readonly Func<long> _allocatedBytes;
    private readonly Action _collect;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _lastAllocated;
    private bool _burstSeen;
    private long? _lastCollection;

    /// <summary>
    /// Starts watching; <paramref name="afterBurst"/> counts what came before as a burst (the daemon's own start-up:
    /// its first quiet interval returns what starting took). <paramref name="allocatedBytes"/> and
    /// <paramref name="collect"/> are seams for tests.
    /// </summary>
    public BurstMemoryReturner(TimeProvider time, bool afterBurst = false, Func<long>? allocatedBytes = null, Action? collect = null)
    {
        _burstSeen = afterBurst;
        _time = time;
        _allocatedBytes = allocatedBytes ?? (() => GC.GetTotalAllocatedBytes());
        _collect = collect ?? ReturnNow;
        _lastAllocated = _allocatedBytes();
        _timer = time.CreateTimer(_ => Check(), null, CheckInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many collections it has run.</summary>
    public int Collections { get; private set; }

    /// <summary>
    /// One blocking, aggressive, compacting collection of every generation: free memory goes back to the OS; then
    /// the executable's read-only pages are released (those still in use come back on their next use).
    /// </summary>
    public static void ReturnNow()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ExecutablePages.Release();
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        long allocated = _allocatedBytes();
        long since = allocated - _lastAllocated;
        if (since >= BurstBytes)
        {
            _burstSeen = true;
        }
        else if (_burstSeen && since < QuietBytes && (_lastCollection is not { } last || _time.GetElapsedTime(last) >= MinSpacing))
        {
            _burstSeen = false;
            _lastCollection = _time.GetTimestamp();
            Collections++;
            _collect();
        }

        _lastAllocated = _allocatedBytes(); // the collection's own allocations are not the next interval's
        _timer.Change(CheckInterval, Timeout.InfiniteTimeSpan);
    }
}
