using Microsoft.Extensions.Logging;

namespace OpenDaemon.Kernel.Watchdog;

/// <summary>
/// Notices a stalled kernel: every <see cref="WatchdogOptions.Interval"/> a timer posts a probe to
/// the thread pool and measures how long it waits to run. A probe still waiting after
/// <see cref="WatchdogOptions.StallThreshold"/> is a stall: <see cref="Status"/> turns unhealthy
/// and a warning is logged (once per stall, and again when it recovers).
/// </summary>
/// <remarks>
/// Overview: the timer callback and the probe run on different threads and touch the same few
/// fields, so a private lock keeps them consistent. Only one probe is outstanding at a time: while
/// it waits, ticks only measure how long it has waited. Time comes from the injected
/// <see cref="TimeProvider"/>; the thread pool is reached through a post delegate so tests can
/// hold a probe back and simulate a stall on a fake clock.
/// </remarks>
public sealed partial class KernelWatchdog : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly WatchdogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<Action> _post;
    private ITimer? _timer;
    private DateTimeOffset? _probePostedAt;
    private bool _stallReported;
    private WatchdogStatus _status = WatchdogStatus.Initial;

    /// <summary>Creates a stopped watchdog probing the thread pool.</summary>
    public KernelWatchdog(WatchdogOptions options, TimeProvider timeProvider, ILogger logger)
        : this(options, timeProvider, logger, static work => ThreadPool.UnsafeQueueUserWorkItem(static w => w(), work, preferLocal: false))
    {
    }

    internal KernelWatchdog(WatchdogOptions options, TimeProvider timeProvider, ILogger logger, Action<Action> post)
    {
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _post = post;
    }

    /// <summary>The latest status; the stall duration is current as of the last tick.</summary>
    public WatchdogStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Starts probing; a second call does nothing.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _timer ??= _time.CreateTimer(static state => ((KernelWatchdog)state!).Tick(), this, _options.Interval, _options.Interval);
        }
    }

    /// <summary>Stops probing.</summary>
    public ValueTask DisposeAsync()
    {
        ITimer? timer;
        lock (_lock)
        {
            timer = _timer;
            _timer = null;
        }

        return timer?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private void Tick()
    {
        var now = _time.GetUtcNow();
        bool post = false;
        TimeSpan waited = TimeSpan.Zero;
        bool newStall = false;
        lock (_lock)
        {
            if (_probePostedAt is not { } postedAt)
            {
                _probePostedAt = now;
                post = true;
            }
            else if ((waited = now - postedAt) >= _options.StallThreshold)
            {
                newStall = !_stallReported;
                _stallReported = true;
                _status = _status with
                {
                    Healthy = false,
                    StallCount = _status.StallCount + (newStall ? 1 : 0),
                    LastStallAt = newStall ? now : _status.LastStallAt,
                    CurrentStall = waited,
                };
            }
        }

        if (newStall)
        {
            LogStalled(_logger, waited);
        }

        if (post)
        {
            _post(Probe);
        }
    }

    private void Probe()
    {
        var now = _time.GetUtcNow();
        TimeSpan lag;
        bool recovered;
        lock (_lock)
        {
            lag = _probePostedAt is { } postedAt ? now - postedAt : TimeSpan.Zero;
            _probePostedAt = null;
            recovered = _stallReported;
            _stallReported = false;
            _status = _status with { Healthy = true, LastLag = lag, CurrentStall = null };
        }

        if (recovered)
        {
            LogRecovered(_logger, lag);
        }
    }
}
