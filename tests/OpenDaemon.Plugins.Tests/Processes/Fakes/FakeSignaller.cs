using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>
/// Records the signals sent to process groups. A group exists while its fake process has not exited;
/// signals do not end it (the test decides when a process exits).
/// </summary>
internal sealed class FakeSignaller(FakeProcessSpawner spawner) : IProcessGroupSignaller
{
    private readonly List<string> _sent = [];

    /// <summary>Signal names in the order they were sent, e.g. "SIGINT" (also those to a group that was already gone).</summary>
    public IReadOnlyList<string> Sent => _sent;

    public bool Send(int processGroupId, int signal)
    {
        _sent.Add(Signals.Name(signal));
        return Exists(processGroupId);
    }

    public bool SendToProcess(int processId, int signal)
    {
        _sent.Add(Signals.Name(signal));
        return Exists(processId);
    }

    public bool Exists(int processGroupId) => spawner.Find(processGroupId) is { HasExited: false };
}
