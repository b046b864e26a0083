using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.Tests.Processes.Fakes;

/// <summary>
/// Spawns nothing: each "process" is a <see cref="FakeProcess"/> that exits only when the test says, with
/// the code or signal the test chooses. <see cref="Failing"/> makes spawns fail as posix_spawn would.
/// </summary>
internal sealed class FakeProcessSpawner : IProcessSpawner
{
    private readonly List<FakeProcess> _processes = [];
    private int _nextPid = 40_000;

    /// <summary>While true, every spawn throws a <see cref="SpawnException"/>.</summary>
    public bool Failing { get; set; }

    /// <summary>Every process spawned so far, in order.</summary>
    public IReadOnlyList<FakeProcess> Processes => _processes;

    public FakeProcess Last => _processes[^1];

    public SpawnedProcess Spawn(SpawnRequest request)
    {
        if (Failing)
        {
            throw new SpawnException(2, $"cannot run {request.FileName}: No such file or directory");
        }

        var process = new FakeProcess(++_nextPid);
        _processes.Add(process);
        return process.Spawned;
    }

    /// <summary>The process with <paramref name="pid"/>; null when none was spawned with it.</summary>
    public FakeProcess? Find(int pid) => _processes.Find(process => process.Pid == pid);
}
