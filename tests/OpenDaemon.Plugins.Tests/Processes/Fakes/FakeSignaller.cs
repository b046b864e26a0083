using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>
/// Records the signals sent to process trees. A tree exists while its fake root process has not exited;
/// signals do not end it (the test decides when a process exits).
/// </summary>
internal sealed class FakeSignaller(FakeProcessSpawner spawner) : IProcessTreeSignaller
{
    private readonly List<string> _sent = [];

    /// <summary>Signal names in the order they were sent, e.g. "SIGINT" (also those to a group that was already gone).</summary>
    public IReadOnlyList<string> Sent => _sent;

    public bool Send(ProcessTree tree, int signal)
    {
        _sent.Add(Signals.Name(signal));
        return Exists(tree);
    }

    public bool Exists(ProcessTree tree) => spawner.Find(tree.RootPid) is { HasExited: false };

    public bool SendToProcess(int processId, int signal)
    {
        _sent.Add(Signals.Name(signal));
        return Exists(processId);
    }

    private bool Exists(int processId) => spawner.Find(processId) is { HasExited: false };
}
