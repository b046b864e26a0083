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

    /// <summary>While true, every spawn throws a <see cref="SpawnException"/> (ENOENT unless <see cref="FailingErrno"/> says otherwise).</summary>
    public bool Failing { get; set; }

    /// <summary>The errno of the failures while <see cref="Failing"/>: 2 (ENOENT, permanent) by default, 24 for EMFILE.</summary>
    public int FailingErrno { get; set; } = 2;

    /// <summary>While true, every process gets a Node IPC channel (<see cref="FakeProcess.AppChannel"/>).</summary>
    public bool WithChannels { get; set; }

    /// <summary>Spawn attempts so far, failed ones included.</summary>
    public int Attempts { get; private set; }

    /// <summary>Every process spawned so far, in order.</summary>
    public IReadOnlyList<FakeProcess> Processes => _processes;

    public FakeProcess Last => _processes[^1];

    public SpawnedProcess Spawn(SpawnRequest request)
    {
        Attempts++;
        if (Failing)
        {
            throw FailingErrno == 2
                ? new SpawnException(2, $"cannot run {request.FileName}: No such file or directory")
                : new SpawnException(FailingErrno, $"cannot start {request.FileName}: error {FailingErrno} (Too many open files)");
        }

        var process = new FakeProcess(++_nextPid, WithChannels);
        _processes.Add(process);
        return process.Spawned;
    }

    /// <summary>The process with <paramref name="pid"/>; null when none was spawned with it.</summary>
    public FakeProcess? Find(int pid) => _processes.Find(process => process.Pid == pid);
}
