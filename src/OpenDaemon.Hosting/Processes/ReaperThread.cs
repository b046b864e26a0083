using System.ComponentModel;
using System.Runtime.InteropServices;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

// Overview
//
// Every process the spawner starts is reaped here, by ONE background thread for the whole daemon
// ("od-reaper"), so the thread count stays flat however many apps run. Right after posix_spawn the
// spawner opens a pidfd for the child and hands it to Track(); the thread blocks in epoll_wait over
// all pidfds. A pidfd becomes readable once its process has exited; the thread then reaps exactly that
// child with waitid(P_PIDFD) and completes its Exited task (continuations run asynchronously, never on
// this thread).
//
// PID reuse. A pid cannot be reused until its process is reaped, and only this thread reaps tracked
// children; it removes a child from the table in the same critical section as the waitid, so a new
// child that gets the same pid always finds the table free of the old one. The pidfd itself refers to
// one process forever, so a stale epoll event can never reap a stranger.
//
// What is never done: waitpid(-1). The .NET runtime reaps its own System.Diagnostics.Process children
// by pid when SIGCHLD arrives, and reaping "any child" would steal their exit codes. (The reverse can
// happen: when the runtime runs as pid 1, or started with SIGCHLD ignored, IT calls waitpid(-1) and
// may reap our children first; waitid then fails with ECHILD and Exited reports ProcessExit.Unknown.)
//
// Orphans (after ChildReaper.EnableSubreaper). Grandchildren whose parent died are re-parented to us
// and nobody else will reap them. On SIGCHLD (forwarded through an eventfd, so all reaping stays on
// this thread and bursts of signals coalesce into one sweep) and after every pidfd reap, the thread
// sweeps our children: any zombie that is not tracked and is not in our own session (the runtime's
// Process children share our session; apps and their descendants live in their own) is reaped by pid.
// Candidates are found without locks; each is checked again and reaped under the spawn lock taken for
// writing, because a just-spawned child that exits before Track() registers it would otherwise look
// exactly like an orphan (spawns hold the lock shared from posix_spawn until Track returns).
internal sealed class ReaperThread
{
    private const ulong SweepToken = 0; // epoll tag of the eventfd; tracked entries are tagged with their pid (> 0)
    private const int MaxEvents = 64;

    private static readonly Lazy<ReaperThread> LazyInstance = new(() => new ReaperThread());

    private readonly Lock _gate = new();
    private readonly Dictionary<int, TrackedChild> _tracked = [];
    private readonly ReaderWriterLockSlim _spawnLock = new();
    private readonly OrphanSweeper _sweeper = new();
    private readonly int _epoll;
    private int _sweepEvent = -1;
    private PosixSignalRegistration? _childSignal;
    private long _orphansReaped;

    private ReaperThread()
    {
        _epoll = LibC.EpollCreate();
        if (_epoll < 0)
        {
            throw new Win32Exception(-_epoll, $"cannot create the reaper's epoll instance: {Errno.Message(-_epoll)}");
        }

        new Thread(Run) { IsBackground = true, Name = "od-reaper" }.Start();
    }

    public static ReaperThread Instance => LazyInstance.Value;

    /// <summary>Orphans reaped by sweeps so far (diagnostics and tests).</summary>
    public long OrphansReaped => Interlocked.Read(ref _orphansReaped);

    /// <summary>True once <see cref="EnableOrphanReaping"/> succeeded.</summary>
    public bool OrphanReapingEnabled => Volatile.Read(ref _childSignal) is not null;

    /// <summary>Held (shared) from posix_spawn until <see cref="Track"/> returns; see the overview.</summary>
    public SpawnScope EnterSpawn()
    {
        _spawnLock.EnterReadLock();
        return new SpawnScope(_spawnLock);
    }

    /// <summary>Takes ownership of <paramref name="pidfd"/>; returns 0 and the exit task, or the errno (the pidfd is then closed).</summary>
    public int Track(int pid, int pidfd, out Task<ProcessExit> exited)
    {
        var child = new TrackedChild(pidfd, new TaskCompletionSource<ProcessExit>(TaskCreationOptions.RunContinuationsAsynchronously));
        TrackedChild? stale;
        lock (_gate)
        {
            // The pid can only be in use again if the old child was reaped behind our back (the runtime
            // as pid 1); its pidfd event may still be queued. Retire it as Unknown.
            if (_tracked.Remove(pid, out stale))
            {
                LibC.EpollRemove(_epoll, stale.Pidfd);
                _ = LibC.Close(stale.Pidfd);
            }

            _tracked.Add(pid, child);
        }

        stale?.Exit.TrySetResult(ProcessExit.Unknown);

        // Level-triggered: a child that already exited is reported by the very next epoll_wait.
        int errno = LibC.EpollAddReadable(_epoll, pidfd, (ulong)pid);
        if (errno != 0)
        {
            lock (_gate)
            {
                _tracked.Remove(pid);
            }

            _ = LibC.Close(pidfd);
            exited = Task.FromResult(ProcessExit.Unknown);
            return errno;
        }

        exited = child.Exit.Task;
        return 0;
    }

    public bool IsTracked(int pid)
    {
        lock (_gate)
        {
            return _tracked.ContainsKey(pid);
        }
    }

    /// <summary>Becomes a child subreaper and starts sweeping orphans. Idempotent.</summary>
    public void EnableOrphanReaping()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a child subreaper needs Linux");
        }

        int sweepEvent;
        lock (_gate)
        {
            if (_sweepEvent >= 0)
            {
                return;
            }

            int errno = LibC.BecomeChildSubreaper();
            if (errno != 0)
            {
                throw new Win32Exception(errno, $"cannot become a child subreaper: {Errno.Message(errno)}");
            }

            sweepEvent = LibC.EventFdCreate();
            if (sweepEvent < 0)
            {
                throw new Win32Exception(-sweepEvent, $"cannot create the reaper's eventfd: {Errno.Message(-sweepEvent)}");
            }

            errno = LibC.EpollAddReadable(_epoll, sweepEvent, SweepToken);
            if (errno != 0)
            {
                _ = LibC.Close(sweepEvent);
                throw new Win32Exception(errno, $"cannot watch the reaper's eventfd: {Errno.Message(errno)}");
            }

            _sweepEvent = sweepEvent;

            // Cancel stays false: the runtime still does its own SIGCHLD work (console state). Its reaping
            // of Process children happens before registrations run, so it never depends on us.
            Volatile.Write(ref _childSignal, PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => LibC.EventFdSignal(sweepEvent)));
        }

        // Orphans that arrived before the registration existed are swept right away.
        LibC.EventFdSignal(sweepEvent);
    }

    private void Run()
    {
        byte[] events = new byte[MaxEvents * LibC.EpollEventSize];
        while (true)
        {
            int count = LibC.EpollWait(_epoll, events, timeoutMilliseconds: -1);
            if (count < 0)
            {
                if (-count == Errno.Interrupted)
                {
                    continue;
                }

                // EBADF/EFAULT/EINVAL can only be a bug here, and without this thread no exit is ever seen.
                Environment.FailFast($"od-reaper: epoll_wait failed: {Errno.Message(-count)}");
            }

            bool sweep = false;
            for (int i = 0; i < count; i++)
            {
                ulong tag = LibC.EpollEventData(events, i);
                if (tag == SweepToken)
                {
                    LibC.EventFdDrain(_sweepEvent);
                    sweep = true;
                }
                else
                {
                    sweep |= Reap((int)tag);
                }
            }

            if (sweep && OrphanReapingEnabled)
            {
                SweepOrphans();
            }
        }
    }

    private bool Reap(int pid)
    {
        TrackedChild? child;
        ProcessExit exit;
        lock (_gate)
        {
            if (!_tracked.TryGetValue(pid, out child))
            {
                return false; // an event queued before the pidfd left the epoll set
            }

            int errno = LibC.WaitId(LibC.PidfdIdType, child.Pidfd, LibC.WaitExited | LibC.WaitNoHang, out LibC.SignalInfo info);
            if (errno == 0 && info.Pid == 0)
            {
                return false; // not exited after all (cannot happen for a readable pidfd; harmless)
            }

            exit = errno == 0 ? ToExit(info) : ProcessExit.Unknown; // ECHILD: someone else reaped it
            LibC.EpollRemove(_epoll, child.Pidfd);
            _ = LibC.Close(child.Pidfd);
            _tracked.Remove(pid);
        }

        child.Exit.TrySetResult(exit);
        return true;
    }

    private void SweepOrphans()
    {
        IReadOnlyList<int> candidates = _sweeper.FindCandidates();
        if (candidates.Count == 0)
        {
            return;
        }

        // Under the write lock every spawn in flight has registered its child, so an untracked zombie
        // child outside our session really is an orphan.
        _spawnLock.EnterWriteLock();
        try
        {
            foreach (int pid in candidates)
            {
                if (!IsTracked(pid) && _sweeper.TryReap(pid))
                {
                    Interlocked.Increment(ref _orphansReaped);
                }
            }
        }
        finally
        {
            _spawnLock.ExitWriteLock();
        }
    }

    private static ProcessExit ToExit(LibC.SignalInfo info) => info.Code switch
    {
        LibC.ChildExited => new ProcessExit(info.Status, null, false),
        LibC.ChildKilled => new ProcessExit(null, info.Status, false),
        LibC.ChildDumped => new ProcessExit(null, info.Status, true),
        _ => ProcessExit.Unknown,
    };

    private sealed record TrackedChild(int Pidfd, TaskCompletionSource<ProcessExit> Exit);

    /// <summary>Releases the shared spawn lock.</summary>
    internal readonly struct SpawnScope(ReaderWriterLockSlim spawnLock) : IDisposable
    {
        public void Dispose() => spawnLock.ExitReadLock();
    }
}
