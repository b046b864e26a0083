namespace OpenDaemon.Kernel.Resilience;

/// <summary>When a plugin's circuit breaker trips and when it is retried.</summary>
/// <remarks>
/// Defaults: 5 failures within 60 s trip the breaker; after a 30 s cool-down one trial call is
/// let through (half-open). They are deliberately forgiving: a plugin that fails now and then keeps
/// serving, one that fails in a tight loop is isolated before it floods the log.
/// </remarks>
public sealed record CircuitBreakerOptions
{
    /// <summary>Failures within <see cref="Window"/> that open the breaker. Default 5.</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>The sliding window failures are counted in. Default 60 s.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the breaker stays open before one trial call. Default 30 s.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromSeconds(30);
}
