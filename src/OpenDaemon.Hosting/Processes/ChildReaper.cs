namespace OpenDaemon.Hosting.Processes;

/// <summary>Makes the daemon the reaper of its apps' orphans, so an app tree never leaves zombies behind.</summary>
/// <remarks>
/// Without this, a grandchild whose parent exits is re-parented to pid 1 (or the nearest subreaper), and
/// whether it is ever reaped depends on that process: in containers and minimal VMs pid 1 often does
/// not reap, so the zombie stays and its process group looks alive to kill(-pgid, 0) forever.
/// Children started by <see cref="ProcessSpawner"/> are reaped whether or not this is enabled.
/// <para>
/// Do not run the daemon as pid 1 (a container without an init): there the .NET runtime reaps EVERY
/// child with waitpid(-1) as soon as any SIGCHLD handling is installed (this method, or any use of
/// System.Diagnostics.Process), racing the reaper, and apps' exit statuses come out as
/// <see cref="ProcessExit.Unknown"/>. Use an init (docker run --init, tini) in front of it.
/// </para>
/// </remarks>
public static class ChildReaper
{
    /// <summary>True once <see cref="EnableSubreaper"/> has run in this process.</summary>
    public static bool IsSubreaper => ReaperThread.Instance.OrphanReapingEnabled;

    /// <summary>
    /// Calls prctl(PR_SET_CHILD_SUBREAPER, 1) and starts reaping orphans re-parented to this process
    /// (on SIGCHLD, through a PosixSignalRegistration that leaves the runtime's own handling in place).
    /// Idempotent. Zombies in this process's own session are left alone: those are the runtime's
    /// System.Diagnostics.Process children, which it reaps itself.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The kernel refused.</exception>
    public static void EnableSubreaper() => ReaperThread.Instance.EnableOrphanReaping();

    /// <summary>
    /// SIGKILLs every live process re-parented to this daemon (a child it did not start: the orphan of an
    /// app, outside the daemon's own session) and all of its descendants; returns how many were signalled.
    /// </summary>
    /// <remarks>
    /// The last sweep of a daemon shutdown, once every app has stopped: whatever an app left behind that
    /// its tree did not account for (the /proc fallback can miss a process that cleared its environment
    /// and lost its parent) is still the daemon's, and must not outlive it. Children the spawner started
    /// and still tracks are left alone.
    /// </remarks>
    public static int KillAdoptedOrphans()
    {
        int self = Environment.ProcessId;
        int ourSession = Interop.LibC.GetSessionId(0);
        ProcSnapshot snapshot = ProcSnapshot.Take();
        var doomed = new HashSet<int>();
        foreach (int child in snapshot.ChildrenOf(self))
        {
            if (snapshot.TryGet(child, 0, out ProcStat stat) && stat.SessionId != ourSession && !ReaperThread.Instance.IsTracked(child))
            {
                doomed.Add(child);
                snapshot.AddDescendants(child, doomed);
            }
        }

        int count = 0;
        foreach (int pid in doomed)
        {
            count += Interop.LibC.Kill(pid, 9) == 0 ? 1 : 0;
        }

        return count;
    }
}
