using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Plugins.ProcessManager.Rolling;

// Overview
// ========
// od reload and od scale change an app over many seconds, one instance after another. Two of them on one
// app would interleave (a scale-down stopping the instance a reload is replacing, a second reload starting
// a third run beside the two of the first), so an app has at most one at a time: Begin registers the
// operation for every app it touches, all or none, or refuses with OPERATION_IN_PROGRESS saying what runs;
// disposing the returned operation ends it. Commands arrive on RPC threads and od ls reads the activity
// texts concurrently: one lock guards the dictionary, and each operation keeps its texts in an immutable
// dictionary swapped as a whole.
internal sealed class AppOperations
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AppOperation> _running = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="verb"/> ("reload", "scale") on <paramref name="apps"/>; throws OPERATION_IN_PROGRESS when one of them has an operation already.</summary>
    public AppOperation Begin(IReadOnlyCollection<string> apps, string verb)
    {
        lock (_lock)
        {
            foreach (var app in apps)
            {
                if (_running.TryGetValue(app, out var running))
                {
                    throw new DaemonException(
                        ErrorCode.OperationInProgress,
                        $"app {app}: a {running.Verb} is in progress ({running.Progress}); a {verb} cannot start before it ends",
                        $"wait for it to finish ('od ls' shows its progress), then run the {verb} again");
                }
            }

            var operation = new AppOperation(verb, apps, this);
            foreach (var app in apps)
            {
                _running.Add(app, operation);
            }

            return operation;
        }
    }

    /// <summary>What od ls shows for instance <paramref name="id"/> of <paramref name="app"/> while an operation runs on it; null otherwise.</summary>
    public string? ActivityOf(string app, int id)
    {
        lock (_lock)
        {
            return _running.GetValueOrDefault(app)?.ActivityOf(id);
        }
    }

    internal void End(AppOperation operation)
    {
        lock (_lock)
        {
            foreach (var app in operation.Apps)
            {
                if (_running.GetValueOrDefault(app) == operation)
                {
                    _running.Remove(app);
                }
            }
        }
    }
}
