using System.Globalization;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Reaps zombie orphans that were re-parented to this (subreaper) process. Runs only on the reaper
/// thread; see the overview in <see cref="ReaperThread"/> for why each check is there.
/// </summary>
internal sealed class OrphanSweeper
{
    private readonly byte[] _statBuffer = new byte[ProcStat.BufferSize];
    private readonly List<int> _children = [];

    // /proc/<pid>/task/<tid>/children needs CONFIG_PROC_CHILDREN, which some kernels (this project's
    // CI VM included) leave out; without it our children are found by a pass over /proc.
    private readonly bool _hasChildrenFiles =
        File.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/self/task/{Environment.ProcessId}/children"));

    /// <summary>Returns how many orphans were reaped.</summary>
    public int Sweep(Func<int, bool> isTracked)
    {
        int self = Environment.ProcessId;
        int ourSession = LibC.GetSessionId(0);
        CollectChildren(self);

        int reaped = 0;
        foreach (int pid in _children)
        {
            if (isTracked(pid) || !ProcStat.TryRead(pid, _statBuffer, out ProcStat stat))
            {
                continue;
            }

            // Our own session holds the runtime's System.Diagnostics.Process children: never reap those.
            if (stat.IsZombie && stat.SessionId != ourSession && stat.ParentPid == self && LibC.WaitPidNoHang(pid) == pid)
            {
                reaped++;
            }
        }

        return reaped;
    }

    private void CollectChildren(int self)
    {
        _children.Clear();
        if (_hasChildrenFiles)
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (string pid in File.ReadAllText(Path.Join(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        _children.Add(int.Parse(pid, CultureInfo.InvariantCulture));
                    }
                }
                catch (IOException)
                {
                    // The thread ended during the sweep: its children moved to another thread we also read.
                }
            }

            return;
        }

        foreach (int pid in ProcFs.ProcessIds())
        {
            if (ProcStat.TryRead(pid, _statBuffer, out ProcStat stat) && stat.ParentPid == self)
            {
                _children.Add(pid);
            }
        }
    }
}
