namespace OpenDaemon.Kernel.Resilience;

/// <summary>
/// Closed → open after <see cref="CircuitBreakerOptions.FailureThreshold"/> failures within the
/// window → half-open once the cool-down has passed (measured on the injected
/// <see cref="TimeProvider"/>) → one trial call → closed on success, open again on failure.
/// </summary>
/// <remarks>
/// Overview: callers on any thread ask <see cref="TryAcquire"/> before a guarded call and report
/// the outcome with <see cref="RecordSuccess"/>, <see cref="RecordFailure"/> or
/// <see cref="RecordAbandoned"/>. The state is a handful of fields changed together, so a
/// private lock keeps them consistent; nothing awaits while holding it.
/// </remarks>
public sealed class CircuitBreaker
{
    private readonly Lock _lock = new();
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _recent = new();
    private CircuitState _state = CircuitState.Closed;
    private DateTimeOffset _openedAt;
    private bool _trialInFlight;
    private int _totalFailures;

    /// <summary>Creates a closed breaker.</summary>
    public CircuitBreaker(CircuitBreakerOptions options, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FailureThreshold, 1);
        _options = options;
        _time = timeProvider;
    }

    /// <summary>The current state; an open breaker whose cool-down has passed reads as half-open.</summary>
    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _state == CircuitState.Open && _time.GetUtcNow() >= RetryAtCore() ? CircuitState.HalfOpen : _state;
            }
        }
    }

    /// <summary>All failures recorded since creation or the last <see cref="Reset"/>.</summary>
    public int FailureCount
    {
        get
        {
            lock (_lock)
            {
                return _totalFailures;
            }
        }
    }

    /// <summary>When an open breaker lets the next trial call through; null unless open.</summary>
    public DateTimeOffset? RetryAt
    {
        get
        {
            lock (_lock)
            {
                return _state == CircuitState.Open ? RetryAtCore() : null;
            }
        }
    }

    /// <summary>
    /// True when a call may proceed: always when closed; once per half-open period (the trial).
    /// A caller that got true must report the outcome.
    /// </summary>
    public bool TryAcquire()
    {
        lock (_lock)
        {
            if (_state == CircuitState.Open && _time.GetUtcNow() >= RetryAtCore())
            {
                _state = CircuitState.HalfOpen;
            }

            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>A guarded call succeeded: a half-open breaker closes and forgets recent failures.</summary>
    public void RecordSuccess()
    {
        lock (_lock)
        {
            if (_state == CircuitState.HalfOpen)
            {
                _state = CircuitState.Closed;
                _trialInFlight = false;
                _recent.Clear();
            }
        }
    }

    /// <summary>Records a failure; returns true when this failure opened the breaker.</summary>
    public bool RecordFailure()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            _totalFailures++;
            if (_state == CircuitState.HalfOpen)
            {
                Open(now);
                return true;
            }

            if (_state == CircuitState.Open)
            {
                return false;
            }

            _recent.Enqueue(now);
            while (_recent.Count > 0 && now - _recent.Peek() > _options.Window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= _options.FailureThreshold)
            {
                Open(now);
                return true;
            }

            return false;
        }
    }

    /// <summary>A trial call ended with neither success nor failure (cancelled): let another try.</summary>
    public void RecordAbandoned()
    {
        lock (_lock)
        {
            _trialInFlight = false;
        }
    }

    /// <summary>Back to closed with no failures; used when an operator re-enables a plugin.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _state = CircuitState.Closed;
            _trialInFlight = false;
            _recent.Clear();
            _totalFailures = 0;
        }
    }

    private void Open(DateTimeOffset now)
    {
        _state = CircuitState.Open;
        _openedAt = now;
        _trialInFlight = false;
        _recent.Clear();
    }

    private DateTimeOffset RetryAtCore() => _openedAt + _options.CoolDown;
}
