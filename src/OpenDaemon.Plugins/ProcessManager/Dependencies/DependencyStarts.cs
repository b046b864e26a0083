using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.ProcessManager.Dependencies;

/// <summary>
/// Dependents waiting for their dependencies before they start (spec §3.8).
/// </summary>
/// <remarks>
/// <para><b>Overview.</b> Each waiting app has one background wait, owned here: it re-checks its
/// dependencies (<see cref="DependencyStatus"/>, read from the actors' snapshots) whenever a
/// <c>process:*</c> or <c>health:*</c> event arrives, and at the latest every
/// <see cref="RecheckInterval"/> (a snapshot is replaced just after its event is published, so an
/// event alone could be read too early). Once every dependency is ready it starts the app's
/// instances; when one ended errored for good it gives up. Either way it leaves a line for
/// <c>od ls</c> (<see cref="ReasonFor"/>) while it waits ("waiting: db not healthy") or after giving up
/// ("not started: db errored").</para>
/// <para>Independent apps therefore start at once and in parallel, and each level of the graph
/// starts as soon as the level below is ready. Starting an app again, stopping or deleting it
/// cancels its wait (<see cref="Cancel"/>); the daemon's stop cancels all of them.</para>
/// </remarks>
internal sealed partial class DependencyStarts : IDisposable
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _waits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<string, IReadOnlyList<InstanceSnapshot>?> _instancesOf;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDisposable[] _subscriptions;
    private TaskCompletionSource _pulse = NewPulse();

    public DependencyStarts(IEventBus events, Func<string, IReadOnlyList<InstanceSnapshot>?> instancesOf, TimeProvider time, ILogger logger)
    {
        _instancesOf = instancesOf;
        _time = time;
        _logger = logger;
        // The two families it needs, not "*": a subscriber to every topic would make every event look wanted
        // (IEventBus.HasSubscribers), and publishers that serialise only for listeners (the metric snapshot
        // every 5 s) would serialise for nobody.
        _subscriptions = [events.Subscribe("process:*", Pulse), events.Subscribe("health:*", Pulse)];
    }

    private ValueTask Pulse(DaemonEvent daemonEvent, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _pulse, NewPulse()).TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Why an app has not started yet, or null when it does not wait.</summary>
    public string? ReasonFor(string app) => _reasons.GetValueOrDefault(app);

    /// <summary>Starts <paramref name="start"/> once every app in <paramref name="dependencies"/> is ready.</summary>
    public void StartWhenReady(string app, IReadOnlyList<string> dependencies, Func<Task> start)
    {
        var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (_waits.TryGetValue(app, out var previous))
        {
            CancelQuietly(previous);
        }

        _waits[app] = wait;
        _ = WaitAsync(app, dependencies, start, wait);
    }

    /// <summary>Ends <paramref name="app"/>'s wait, if it has one (stopped or deleted before its dependencies were ready).</summary>
    public void Cancel(string app)
    {
        if (_waits.TryRemove(app, out var wait))
        {
            CancelQuietly(wait);
        }

        _reasons.TryRemove(app, out _);
    }

    // The wait's own finally disposes its source; a cancel that comes after that has nothing left to do.
    private static void CancelQuietly(CancellationTokenSource wait)
    {
        try
        {
            wait.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task WaitAsync(string app, IReadOnlyList<string> dependencies, Func<Task> start, CancellationTokenSource wait)
    {
        var token = wait.Token;
        try
        {
            while (true)
            {
                var pulse = _pulse.Task;
                var statuses = dependencies.Select(name => DependencyStatus.Of(name, _instancesOf(name))).ToList();
                if (statuses.FirstOrDefault(s => s.Failed) is { } failed)
                {
                    _reasons[app] = $"not started: {failed.Text}";
                    LogGaveUp(_logger, app, failed.Text);
                    return;
                }

                if (statuses.All(s => s.Ready))
                {
                    _reasons.TryRemove(app, out _);
                    await start().ConfigureAwait(false);
                    return;
                }

                _reasons[app] = "waiting: " + string.Join(", ", statuses.Where(s => !s.Ready).Select(s => s.Text));
                await Task.WhenAny(pulse, Task.Delay(RecheckInterval, _time, token)).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The owner of this background task: a failed start is logged, never lost.
            _reasons[app] = $"not started: {exception.Message}";
            LogStartFailed(_logger, app, exception.Message);
        }
        finally
        {
            _waits.TryRemove(new KeyValuePair<string, CancellationTokenSource>(app, wait));
            wait.Dispose();
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
