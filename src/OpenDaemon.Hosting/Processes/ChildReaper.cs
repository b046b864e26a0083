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
}
