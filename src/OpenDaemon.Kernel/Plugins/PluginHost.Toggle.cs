using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Plugins;

public sealed partial class PluginHost
{
    /// <summary>
    /// Starts a disabled or failed plugin again (Install → Start → Ready), with a fresh breaker.
    /// Before <see cref="StartAsync"/> it only clears the disabled flag.
    /// </summary>
    /// <exception cref="DaemonException">
    /// PLUGIN_NOT_FOUND; PLUGIN_DEPENDENCY_MISSING when a dependency is not running; PLUGIN_CONFLICT
    /// when a conflicting plugin runs; the plugin's own error when it fails to start.
    /// </exception>
    public async Task EnableAsync(string name, CancellationToken cancellationToken)
    {
        var entry = Find(name);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool started;
            lock (_lock)
            {
                _disabled.Remove(name);
                started = _started;
            }

            if (!started)
            {
                entry.State = PluginState.Registered;
                return;
            }

            if (entry.State == PluginState.Running)
            {
                return;
            }

            var notRunning = entry.Plugin.Dependencies.Where(d => _byName[d].State != PluginState.Running).ToList();
            if (notRunning.Count > 0)
            {
                throw new DaemonException(
                    ErrorCode.PluginDependencyMissing,
                    $"cannot enable {name}: its dependencies are not running: {string.Join(", ", notRunning)}",
                    $"od plugin enable {notRunning[0]}");
            }

            var conflicting = _startOrder
                .Where(e => e.State == PluginState.Running && (entry.Plugin.Conflicts.Contains(e.Name) || e.Plugin.Conflicts.Contains(name)))
                .Select(e => e.Name)
                .ToList();
            if (conflicting.Count > 0)
            {
                throw new DaemonException(
                    ErrorCode.PluginConflict,
                    $"cannot enable {name}: it conflicts with running plugins {string.Join(", ", conflicting)}",
                    $"od plugin disable {conflicting[0]}");
            }

            // A plugin that failed after Install still holds what Install/Start acquired.
            var leftovers = new List<string>();
            await StopEntryAsync(entry, leftovers, cancellationToken).ConfigureAwait(false);
            _stopOrder.Remove(entry);
            entry.Breaker.Reset();
            entry.ClearProblem();
            await InstallAndStartAsync(entry, cancellationToken).ConfigureAwait(false);
            if (entry.State == PluginState.Running)
            {
                await ReadyAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            if (entry.State != PluginState.Running)
            {
                var error = entry.LastError?.Error;
                throw new DaemonException(
                    error?.Code ?? ErrorCode.UnknownError,
                    $"plugin {name} did not start: {error?.Message ?? "unknown reason"}",
                    $"od plugin info {name}");
            }

            LogEnabled(_logger, name);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops a plugin and keeps it stopped; its RPC methods answer "plugin X is disabled".
    /// </summary>
    /// <exception cref="DaemonException">
    /// PLUGIN_NOT_FOUND; PLUGIN_CONFLICT when running plugins depend on it (they are named).
    /// </exception>
    public async Task DisableAsync(string name, CancellationToken cancellationToken)
    {
        var entry = Find(name);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var dependents = _startOrder
                .Where(e => e.State is PluginState.Running or PluginState.Installed && e.Plugin.Dependencies.Contains(name))
                .Select(e => e.Name)
                .ToList();
            if (dependents.Count > 0)
            {
                throw new DaemonException(
                    ErrorCode.PluginConflict,
                    $"cannot disable {name}: running plugins depend on it: {string.Join(", ", dependents)}",
                    $"disable them first: od plugin disable {dependents[0]}");
            }

            var failures = new List<string>();
            await StopEntryAsync(entry, failures, cancellationToken).ConfigureAwait(false);
            _stopOrder.Remove(entry);
            lock (_lock)
            {
                _disabled.Add(name);
            }

            entry.State = PluginState.Disabled;
            if (failures.Count > 0)
            {
                LogStopFailures(_logger, failures.Count, string.Join("; ", failures));
            }

            LogDisabled(_logger, name);
        }
        finally
        {
            _gate.Release();
        }
    }
}
