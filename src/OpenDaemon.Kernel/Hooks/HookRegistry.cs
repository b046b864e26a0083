using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Kernel.Hooks;

/// <summary>
/// Named interception points (<c>process:beforeStart</c>, ...). Handlers run one after another in
/// registration order (which is plugin start order); each sees the changes of the ones before.
/// The first veto stops the chain. A handler that throws is reported to its plugin's error
/// boundary and treated as "continue": a broken plugin cannot block an action by crashing.
/// </summary>
public sealed partial class HookRegistry
{
    private readonly Lock _writeLock = new();
    private readonly ILogger _logger;
    private volatile ImmutableDictionary<string, ImmutableArray<HookRegistration>> _hooks =
        ImmutableDictionary.Create<string, ImmutableArray<HookRegistration>>(StringComparer.Ordinal);

    /// <summary>Creates an empty registry.</summary>
    public HookRegistry(ILogger logger) => _logger = logger;

    /// <summary>Names of hooks that have at least one handler, sorted.</summary>
    public IReadOnlyList<string> HookNames => [.. _hooks.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers a kernel/daemon handler (not owned by a plugin). Dispose to remove.</summary>
    public IDisposable Register(string hookName, HookHandler handler) => Register(hookName, handler, owner: null);

    /// <summary>Runs every handler of <paramref name="hookName"/> over <paramref name="context"/>.</summary>
    public async ValueTask<HookOutcome> RunAsync(string hookName, HookContext context, CancellationToken cancellationToken)
    {
        if (!_hooks.TryGetValue(hookName, out var handlers))
        {
            return HookOutcome.Allowed;
        }

        List<string>? failed = null;
        foreach (var registration in handlers)
        {
            HookResult? result = null;
            if (registration.Owner is null)
            {
                result = await registration.Handler(context, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                bool? ran = await registration.Owner.TryInvokeAsync(
                    $"hook {hookName}",
                    async ct => result = await registration.Handler(context, ct).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                if (ran != true)
                {
                    (failed ??= []).Add(registration.Owner.PluginName);
                    continue;
                }
            }

            if (result is { IsVeto: true })
            {
                string by = registration.Owner?.PluginName ?? "kernel";
                LogVetoed(_logger, hookName, context.Subject ?? "-", by, result.VetoReason!);
                return new HookOutcome(true, registration.Owner?.PluginName, result.VetoReason, failed ?? []);
            }
        }

        return failed is null ? HookOutcome.Allowed : new HookOutcome(false, null, null, failed);
    }

    internal IDisposable Register(string hookName, HookHandler handler, PluginErrorBoundary? owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(hookName);
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new HookRegistration(hookName, handler, owner, this);
        lock (_writeLock)
        {
            var existing = _hooks.TryGetValue(hookName, out var list) ? list : [];
            _hooks = _hooks.SetItem(hookName, existing.Add(registration));
        }

        return registration;
    }

    internal void Remove(HookRegistration registration)
    {
        lock (_writeLock)
        {
            if (_hooks.TryGetValue(registration.HookName, out var list))
            {
                var rest = list.Remove(registration);
                _hooks = rest.IsEmpty ? _hooks.Remove(registration.HookName) : _hooks.SetItem(registration.HookName, rest);
            }
        }
    }
}
