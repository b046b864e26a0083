using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Plugins;

public sealed partial class PluginHost
{
    /// <summary>
    /// Resolves the start order, then Install → Start for each plugin in order, then Ready for each
    /// running plugin. A plugin that fails (or whose config is invalid, or whose dependency is not
    /// running) is marked failed; the others go on. Starts the watchdog.
    /// </summary>
    /// <exception cref="DaemonException">
    /// PLUGIN_DEPENDENCY_MISSING (missing dependency, or a cycle, named "a → b → a"), PLUGIN_CONFLICT.
    /// Nothing has started then.
    /// </exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<PluginEntry> order;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_started)
                {
                    throw new InvalidOperationException("the plugin host has already been started");
                }

                order = [.. DependencyResolver.Resolve([.. _registered.Select(e => e.Plugin)], _disabled).Select(p => _byName[p.Name])];
                _startOrder = order;
                _started = true;
            }

            Watchdog.Start();
            foreach (var entry in order)
            {
                await InstallAndStartAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            foreach (var entry in order.Where(e => e.State == PluginState.Running))
            {
                await ReadyAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            LogStarted(_logger, order.Count(e => e.State == PluginState.Running), order.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops every installed plugin in reverse start order — each one even if an earlier stop threw
    /// or <paramref name="cancellationToken"/> fired — releases its subscriptions and hooks, flushes
    /// its state store, and logs all failures together at the end.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var failures = new List<string>();
            for (int i = _stopOrder.Count - 1; i >= 0; i--)
            {
                await StopEntryAsync(_stopOrder[i], failures, cancellationToken).ConfigureAwait(false);
                _stopOrder[i].State = _stopOrder[i].State == PluginState.Failed ? PluginState.Failed : PluginState.Stopped;
            }

            _stopOrder.Clear();
            if (failures.Count > 0)
            {
                LogStopFailures(_logger, failures.Count, string.Join("; ", failures));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Each running plugin's health check, through its breaker: false when unhealthy, throwing, or tripped.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> CheckHealthAsync(CancellationToken cancellationToken)
    {
        PluginEntry[] running;
        lock (_lock)
        {
            running = [.. _startOrder.Where(e => e.State == PluginState.Running)];
        }

        var results = await Task.WhenAll(running.Select(async entry =>
        {
            bool? ran = await entry.Boundary.TryInvokeAsync(
                "health check",
                async ct =>
                {
                    if (!await entry.Plugin.HealthCheckAsync(entry.Context, ct).ConfigureAwait(false))
                    {
                        throw new DaemonException(ErrorCode.HealthCheckFailed, $"plugin {entry.Name} reported unhealthy", $"od plugin info {entry.Name}");
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return (entry.Name, Healthy: ran == true);
        })).ConfigureAwait(false);
        return results.ToDictionary(r => r.Name, r => r.Healthy, StringComparer.Ordinal);
    }

    // Caller holds the gate.
    private async Task InstallAndStartAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        if (IsDisabled(entry.Name))
        {
            entry.State = PluginState.Disabled;
            return;
        }

        var blocker = entry.Plugin.Dependencies.Select(d => _byName[d]).FirstOrDefault(d => d.State != PluginState.Running);
        if (blocker is not null)
        {
            NotStarted(entry, new DaemonException(
                ErrorCode.PluginDependencyMissing,
                $"plugin {entry.Name} was not started: its dependency {blocker.Name} is {blocker.State.ToString().ToLowerInvariant()}",
                blocker.State == PluginState.Disabled ? $"od plugin enable {blocker.Name}" : $"od plugin info {blocker.Name}"));
            return;
        }

        IReadOnlyList<string> problems = [];
        if (!await entry.Boundary.RunAsync("config validation", _ =>
            {
                problems = entry.Plugin.ValidateConfig(entry.Context.PluginConfig);
                return ValueTask.CompletedTask;
            }, cancellationToken).ConfigureAwait(false))
        {
            entry.State = PluginState.Failed;
            return;
        }

        if (problems.Count > 0)
        {
            NotStarted(entry, new DaemonException(
                ErrorCode.ConfigValidationError,
                $"plugins.{entry.Name}: {string.Join("; ", problems)}",
                $"fix the plugins.{entry.Name} section of the config, then 'od plugin enable {entry.Name}'"));
            return;
        }

        if (!await entry.Boundary.RunAsync("install", ct => entry.Plugin.InstallAsync(entry.Context, ct), cancellationToken).ConfigureAwait(false))
        {
            entry.ReleaseRegistrations();
            entry.State = PluginState.Failed;
            return;
        }

        entry.State = PluginState.Installed;
        entry.NeedsStop = true;
        _stopOrder.Add(entry);
        if (!await entry.Boundary.RunAsync("start", ct => entry.Plugin.StartAsync(entry.Context, ct), cancellationToken).ConfigureAwait(false))
        {
            entry.ReleaseRegistrations();
            entry.State = PluginState.Failed;
            return;
        }

        entry.State = PluginState.Running;
        LogPluginStarted(_logger, entry.Name, entry.Plugin.Version);
    }

    private async Task ReadyAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        if (!await entry.Boundary.RunAsync("ready", ct => entry.Plugin.ReadyAsync(entry.Context, ct), cancellationToken).ConfigureAwait(false))
        {
            // Its dependents keep running: they were started against it and may cope; the
            // operator sees the failure in 'od plugin list'.
            entry.ReleaseRegistrations();
            entry.State = PluginState.Failed;
        }
    }

    private async Task StopEntryAsync(PluginEntry entry, List<string> failures, CancellationToken cancellationToken)
    {
        if (entry.NeedsStop)
        {
            entry.NeedsStop = false;
            try
            {
                if (!await entry.Boundary.RunAsync("stop", ct => entry.Plugin.StopAsync(entry.Context, ct), cancellationToken).ConfigureAwait(false))
                {
                    failures.Add($"{entry.Name}: {entry.Boundary.LastError?.Message}");
                }
            }
            catch (OperationCanceledException)
            {
                failures.Add($"{entry.Name}: stop cancelled (shutdown timeout)");
            }
        }

        entry.ReleaseRegistrations();
        try
        {
            await entry.FlushStoreAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{entry.Name}: state not saved: {ex.Message}");
        }
    }

    private void NotStarted(PluginEntry entry, DaemonException reason)
    {
        entry.Fail(reason);
        LogNotStarted(_logger, entry.Name, reason.Message);
    }

    private bool IsDisabled(string name)
    {
        lock (_lock)
        {
            return _disabled.Contains(name);
        }
    }
}
