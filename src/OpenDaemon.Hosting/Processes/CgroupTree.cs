using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// The daemon's own cgroup v2 subtree: one child cgroup per app instance run, so that every process
/// an app starts — after setsid or a double fork too — is found, signalled and killed with it.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;v2 mount&gt;&lt;the daemon's own cgroup&gt;/&lt;subtree name&gt;/&lt;run&gt;</c>, and the daemon
/// itself in the leaf <c>daemon/</c> of the subtree. No controller is ever enabled (subtree_control is
/// never written), so the v2 "no internal processes" rule, which applies only to cgroups that
/// distribute controllers, never stops us; the daemon's own leaf keeps the layout valid under systemd
/// delegation all the same. The same layout works on a pure v2 host (under a systemd unit with
/// Delegate=yes, in a user session as root) and on a hybrid host whose v2 tree at
/// /sys/fs/cgroup/unified has no controllers at all. The price: no per-app memory or CPU accounting
/// from the cgroup (usage still comes from /proc).
/// <para>
/// An app is moved in right after its spawn by <see cref="Adopt"/> (with what it forked before the
/// move), or by the exec shim (<see cref="ExecShim"/>, option --cgroup) before its exec when the shim
/// runs anyway. Thread-safe: every method is a few file-system calls; the state is two paths and the
/// daemon's own move.
/// </para>
/// <para>
/// The daemon's move into its leaf runs in the background (<see cref="MovedIntoLeaf"/>): the first
/// migration after a quiet spell waits for an RCU grace period in the kernel (the cgroup threadgroup lock),
/// 10–20 ms measured here, which would otherwise be most of a cold start's wait for the first answer.
/// Only spawns need it done (an app is born in the daemon's cgroup), and they wait for it.
/// </para>
/// </remarks>
public sealed partial class CgroupTree
{
    /// <summary>The leaf the daemon moves itself into (<see cref="TryOpen"/> with moveIntoLeaf); never an app's.</summary>
    public const string DaemonLeafName = "daemon";

    private const int SigKill = 9;
    private const int MaxAdoptRounds = 16;

    // The most Adopt waits for a process in the leaf whose environment cannot be read yet (mid-exec);
    // ProcessMarker decides such a process after 50 ms, so this bound is only a safety net.
    private static readonly TimeSpan UndecidedWait = TimeSpan.FromMilliseconds(200);

    private readonly string? _original;
    private volatile bool _moveFailed;

    private CgroupTree(string path, string? original)
    {
        Path = path;
        _original = original;
        MovedIntoLeaf = original is null ? Task.FromResult<string?>(null) : Task.Run(MoveIntoLeaf);
    }

    /// <summary>The subtree's directory.</summary>
    public string Path { get; }

    /// <summary>The daemon's own leaf, where every process it spawns is born; null when it did not move (or its move failed).</summary>
    public string? DaemonLeaf => _original is null || _moveFailed ? null : System.IO.Path.Join(Path, DaemonLeafName);

    /// <summary>
    /// The daemon's move into its leaf (with moveIntoLeaf): completes with null once it is there, or with why it
    /// could not move (it then stays where it was, and apps are still moved into their own cgroups one by one).
    /// Await it before spawning. Never faults.
    /// </summary>
    public Task<string?> MovedIntoLeaf { get; }

    /// <summary>
    /// Creates (or reuses) the subtree <paramref name="name"/> under the daemon's own v2 cgroup; null, with
    /// the reason, when cgroup v2 is not mounted or the daemon may not create cgroups there. With
    /// <paramref name="moveIntoLeaf"/> the calling process then moves itself, in the background, into the
    /// subtree's leaf <see cref="DaemonLeafName"/> (<see cref="MovedIntoLeaf"/>; see <see cref="Adopt"/>;
    /// <see cref="Leave"/> moves it back).
    /// </summary>
    public static CgroupTree? TryOpen(string name, bool moveIntoLeaf, out string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!OperatingSystem.IsLinux())
        {
            reason = "cgroups need Linux";
            return null;
        }

        string? mount = CgroupMount.FindV2MountPoint(ReadOrEmpty("/proc/self/mountinfo"));
        string? own = CgroupMount.FindV2Group(ReadOrEmpty("/proc/self/cgroup"));
        if (mount is null || own is null)
        {
            reason = mount is null ? "no cgroup2 file system is mounted" : "this process is in no cgroup v2";
            return null;
        }

        string path = System.IO.Path.Join(mount, own, name);
        try
        {
            Directory.CreateDirectory(path);

            // Creating the directory is not enough: moving processes needs cgroup.procs to be writable.
            using (File.OpenHandle(System.IO.Path.Join(path, "cgroup.procs"), FileMode.Open, FileAccess.Write))
            {
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot create cgroups in {System.IO.Path.Join(mount, own)}: {error.Message}";
            return null;
        }

        string? original = null;
        if (moveIntoLeaf)
        {
            string leaf = System.IO.Path.Join(path, DaemonLeafName);
            try
            {
                Directory.CreateDirectory(leaf);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                reason = $"cannot create {leaf}: {error.Message}";
                return null;
            }

            original = System.IO.Path.Join(mount, own);
        }

        reason = "";
        return new CgroupTree(path, original);
    }

    /// <summary>Moves the calling process back to the cgroup it was in before <see cref="TryOpen"/> (best effort), once its move in is over.</summary>
    public void Leave()
    {
        if (_original is { } original && MovedIntoLeaf.GetAwaiter().GetResult() is null)
        {
            _ = MoveSelf(original);
        }
    }

    private string? MoveIntoLeaf()
    {
        string leaf = System.IO.Path.Join(Path, DaemonLeafName);
        if (MoveSelf(leaf) is not string problem)
        {
            return null;
        }

        _moveFailed = true;
        return $"cannot move into {leaf}: {problem}";
    }

    /// <summary>
    /// Moves the just-spawned <paramref name="pid"/> into <paramref name="group"/>, then whatever it forked
    /// before the move: processes in the daemon's leaf that carry <paramref name="marker"/> in their
    /// environment or whose parent was moved, round after round until none is left. Returns how many
    /// processes were moved (0 when <paramref name="pid"/> had already exited).
    /// </summary>
    /// <remarks>
    /// Cheaper than the exec shim by a process start (~10-30 ms): the app starts in the daemon's leaf and
    /// is moved microseconds later. A fork and a move never interleave (the kernel serialises them), so
    /// after the first move every child the app forked earlier is in the leaf, and is found by its marker
    /// (inherited), or by its parent once its parent was moved. The leaf holds only the daemon and such
    /// stragglers (the runtime's own children are in the daemon's session and skipped), so a round is a
    /// read of one short file. Thread-safe: concurrent adoptions each take only their own run's processes.
    /// </remarks>
    public int Adopt(string group, int pid, string marker)
    {
        string target = System.IO.Path.Join(group, "cgroup.procs");
        int count = TryMove(target, pid) ? 1 : 0;
        if (DaemonLeaf is not { } leaf)
        {
            return count;
        }

        // Its children are looked for even when it has exited already: what it forked carries on.
        var moved = new HashSet<int> { pid };
        int self = Environment.ProcessId;
        int ourSession = LibC.GetSessionId(0);
        Span<byte> buffer = stackalloc byte[ProcStat.BufferSize];
        long deadline = Environment.TickCount64 + (long)UndecidedWait.TotalMilliseconds;
        for (int round = 0; round < MaxAdoptRounds; round++)
        {
            bool any = false;
            bool undecided = false;
            foreach (int candidate in Processes(leaf))
            {
                if (candidate == self || moved.Contains(candidate)
                    || !ProcStat.TryRead(candidate, buffer, out ProcStat stat) || stat.SessionId == ourSession)
                {
                    continue;
                }

                bool? ours = moved.Contains(stat.ParentPid) ? true : ProcessMarker.Carries(stat, marker);
                undecided |= ours is null;
                if (ours == true && TryMove(target, candidate))
                {
                    moved.Add(candidate);
                    count++;
                    any = true;
                }
            }

            if (undecided && !any && Environment.TickCount64 < deadline)
            {
                // A process in the middle of an exec shows no environment for a moment: look again shortly.
                Thread.Sleep(1);
                round--;
                continue;
            }

            if (!any)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>Creates the cgroup <paramref name="name"/> in the subtree and returns its path.</summary>
    /// <exception cref="IOException">It exists already or cannot be created.</exception>
    public string Create(string name)
    {
        string path = System.IO.Path.Join(Path, name);
        if (Directory.Exists(path))
        {
            throw new IOException($"the cgroup {path} exists already");
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The cgroups now in the subtree (runs of this daemon, or left by one that died); never the daemon's leaf.</summary>
    public IReadOnlyList<string> Groups()
    {
        try
        {
            return [.. Directory.GetDirectories(Path).Where(group => System.IO.Path.GetFileName(group) != DaemonLeafName)];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }
}
