using System.Collections.Immutable;
using System.Globalization;

namespace OpenDaemon.Hosting.Health;

// Overview
// --------
// The registered checks are an immutable array swapped atomically, so Register may race with
// CheckAsync freely: a run uses the snapshot it started with. Each check runs on the thread pool
// (a check that blocks before its first await must not delay the others) with its own timeout
// token from the injected TimeProvider, and is awaited only until that token fires, so a check
// that ignores its token still cannot hang CheckAsync. Its late failure is observed and dropped.

/// <summary>Runs named health checks in parallel and aggregates their results.</summary>
public sealed class HealthChecker
{
    /// <summary>The per-check timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultCheckTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _checkTimeout;
    private readonly long _createdAt;
    private ImmutableArray<HealthCheck> _checks = [];

    /// <summary>Creates a checker; uptime counts from now.</summary>
    /// <param name="checks">Initial checks; a later one with the same name replaces an earlier one.</param>
    /// <param name="timeProvider">The clock for uptime and timeouts; the system clock when null.</param>
    /// <param name="checkTimeout">How long each check may take; <see cref="DefaultCheckTimeout"/> when null,
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    public HealthChecker(IEnumerable<HealthCheck>? checks = null, TimeProvider? timeProvider = null, TimeSpan? checkTimeout = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _checkTimeout = checkTimeout ?? DefaultCheckTimeout;
        if (_checkTimeout <= TimeSpan.Zero && _checkTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(checkTimeout), _checkTimeout, "The check timeout must be positive or infinite.");
        }

        _createdAt = _timeProvider.GetTimestamp();
        foreach (HealthCheck check in checks ?? [])
        {
            Register(check);
        }
    }

    /// <summary>The registered checks, in registration order.</summary>
    public IReadOnlyList<HealthCheck> Checks => _checks;

    /// <summary>
    /// Adds a check; safe to call at any time from any thread. A check with the same name (ordinal)
    /// replaces the existing one in place, so a component can re-register an updated probe.
    /// </summary>
    public void Register(HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentException.ThrowIfNullOrWhiteSpace(check.Name, nameof(check));
        ArgumentNullException.ThrowIfNull(check.Check, nameof(check));
        ImmutableInterlocked.Update(ref _checks, static (checks, added) =>
        {
            for (int i = 0; i < checks.Length; i++)
            {
                if (string.Equals(checks[i].Name, added.Name, StringComparison.Ordinal))
                {
                    return checks.SetItem(i, added);
                }
            }

            return checks.Add(added);
        }, check);
    }

    /// <summary>
    /// Runs every check in parallel. A check that throws or times out is unhealthy with a message;
    /// the status is healthy only if all pass.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<HealthStatus> CheckAsync(CancellationToken cancellationToken)
    {
        ImmutableArray<HealthCheck> checks = _checks;
        var running = new Task<HealthCheckResult>[checks.Length];
        for (int i = 0; i < checks.Length; i++)
        {
            running[i] = RunAsync(checks[i], cancellationToken);
        }

        HealthCheckResult[] results = await Task.WhenAll(running).ConfigureAwait(false);
        var byName = new Dictionary<string, HealthCheckResult>(checks.Length, StringComparer.Ordinal);
        bool healthy = true;
        for (int i = 0; i < checks.Length; i++)
        {
            byName[checks[i].Name] = results[i];
            healthy &= results[i].Healthy;
        }

        return new HealthStatus(healthy, byName.AsReadOnly(), _timeProvider.GetElapsedTime(_createdAt));
    }

    private async Task<HealthCheckResult> RunAsync(HealthCheck check, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_checkTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        CancellationToken token = linked.Token;
        Task<HealthCheckResult> running = Task.Run(
            () => check.Check(token) ?? Task.FromResult(HealthCheckResult.Fail("The check returned no task.")),
            CancellationToken.None);
        try
        {
            HealthCheckResult? result = await running.WaitAsync(token).ConfigureAwait(false);
            return result ?? HealthCheckResult.Fail("The check returned no result.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Observe(running);
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Observe(running);
            return HealthCheckResult.Fail(string.Create(
                CultureInfo.InvariantCulture, $"Timed out after {_checkTimeout.TotalSeconds:0.###} s."));
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Fail(string.IsNullOrEmpty(ex.Message) ? ex.GetType().Name : ex.Message);
        }
    }

    // A check abandoned at its timeout may still fail later; observe it so it is not reported as unobserved.
    private static void Observe(Task task) =>
        _ = task.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
