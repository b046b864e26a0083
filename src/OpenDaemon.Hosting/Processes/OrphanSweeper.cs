using System.Globalization;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Finds and reaps zombie orphans that were re-parented to this (subreaper) process. Runs only on the
/// reaper thread; see the overview in <see cref="ReaperThread"/> for why each check is there.
/// </summary>
internal sealed class OrphanSweeper
{
    private readonly byte[] _statBuffer = new byte[ProcStat.BufferSize];
    private readonly List<int> _candidates = [];

    // /proc/<pid>/task/<tid>/children needs CONFIG_PROC_CHILDREN, which some kernels (this project's
    // CI VM included) leave out; without it our children are found by a pass over /proc.
    private readonly bool _hasChildrenFiles =
        File.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/self/task/{Environment.ProcessId}/children"));

    /// <summary>
    /// Our zombie children outside our session. Cheap to be wrong about (every candidate is checked again
    /// by <see cref="TryReap"/>), so this runs without the spawn lock.
    /// </summary>
    public IReadOnlyList<int> FindCandidates()
    {
        _candidates.Clear();
        int self = Environment.ProcessId;
        int ourSession = LibC.GetSessionId(0);
        if (_hasChildrenFiles)
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                foreach (int pid in ReadChildren(Path.Join(task, "children")))
                {
                    AddIfReapable(pid, self, ourSession);
                }
            }
        }
        else
        {
            foreach (int pid in ProcFs.ProcessIds())
            {
                AddIfReapable(pid, self, ourSession);
            }
        }

        return _candidates;
    }

    /// <summary>Reaps <paramref name="pid"/> if it still is a reapable orphan; the caller holds the spawn lock and has checked it is not tracked.</summary>
    public bool TryReap(int pid) =>
        IsReapable(pid, Environment.ProcessId, LibC.GetSessionId(0)) && LibC.WaitPidNoHang(pid) == pid;

    private void AddIfReapable(int pid, int self, int ourSession)
    {
        if (IsReapable(pid, self, ourSession))
        {
            _candidates.Add(pid);
        }
    }

    // Our own session holds the runtime's System.Diagnostics.Process children: never reap those.
    private bool IsReapable(int pid, int self, int ourSession) =>
        ProcStat.TryRead(pid, _statBuffer, out ProcStat stat) && stat.ParentPid == self && stat.IsZombie && stat.SessionId != ourSession;

    private static IEnumerable<int> ReadChildren(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            // The thread ended during the sweep: its children moved to another thread, read as well.
            return [];
        }

        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pid => int.Parse(pid, CultureInfo.InvariantCulture));
    }
}
