using System.Net.Sockets;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Where a run's output waits while no daemon reads it. Besides its stdout and stderr (fds 1 and 2: its ends of
/// two socketpairs), the app gets a copy of the daemon's end of each, at the fds named here. While the daemon
/// lives nothing changes: the app never touches them. Should the daemon die (SIGKILL, a crash), the sockets do
/// not close with it: what the app wrote and the daemon had not read yet stays queued in them, and what the app
/// writes next is queued too, up to the sockets' buffers, where before its next write met a closed socket
/// (EPIPE, and SIGPIPE killed it). The next daemon takes its ends back from the app with
/// <see cref="TryTakeBack"/> and reads them to the end into the app's logs, so no line is lost to the crash.
/// systemd keeps such descriptors in a store of its own; here the app itself is the store, since nothing else
/// outlives the daemon.
/// </summary>
/// <param name="StdoutFd">The fd of the copy of the daemon's end of stdout, in the app's first process.</param>
/// <param name="StderrFd">The same for stderr.</param>
/// <param name="StdoutInode">The inode of that socket: tells it from whatever the app may have put at that fd since.</param>
/// <param name="StderrInode">The same for stderr.</param>
public sealed record KeptOutput(int StdoutFd, int StderrFd, long StdoutInode, long StderrInode)
{
    /// <summary>
    /// Takes the daemon's ends back from <paramref name="pid"/>, a process of a previous daemon that started at
    /// <paramref name="startTicks"/>; null, with <paramref name="failure"/> saying why, when they cannot be had
    /// (the process is gone or another one, it closed them, or the kernel refuses: pidfd_getfd needs Linux 5.6
    /// and the right to ptrace the process — the same user, or root).
    /// </summary>
    public static (Socket Stdout, Socket Stderr)? TryTakeBack(int pid, long startTicks, KeptOutput kept, out string? failure)
    {
        int pidfd = LibC.PidfdOpen(pid);
        if (pidfd < 0)
        {
            failure = $"pidfd_open: {Errno.Message(-pidfd)}";
            return null;
        }

        try
        {
            // Checked with the pidfd held: the start time rules out a later process that reuses the pid.
            Span<byte> buffer = stackalloc byte[ProcStat.BufferSize];
            if (!ProcStat.TryRead(pid, buffer, out ProcStat stat) || stat.StartTicks != startTicks)
            {
                failure = "it is no longer the recorded process";
                return null;
            }

            if (TakeOne(pidfd, kept.StdoutFd, kept.StdoutInode, out failure) is not { } stdout)
            {
                return null;
            }

            if (TakeOne(pidfd, kept.StderrFd, kept.StderrInode, out failure) is not { } stderr)
            {
                stdout.Dispose();
                return null;
            }

            return (stdout, stderr);
        }
        finally
        {
            _ = LibC.Close(pidfd);
        }
    }

    /// <summary>The inode of the socket at <paramref name="fd"/> of this process, as recorded in a <see cref="KeptOutput"/>.</summary>
    internal static long InodeOf(int fd) => LibC.InodeOf(fd);

    private static Socket? TakeOne(int pidfd, int fd, long inode, out string? failure)
    {
        int copy = LibC.PidfdGetFd(pidfd, fd);
        if (copy < 0)
        {
            failure = $"pidfd_getfd of fd {fd}: {Errno.Message(-copy)}";
            return null;
        }

        if (LibC.InodeOf(copy) != inode)
        {
            _ = LibC.Close(copy);
            failure = $"fd {fd} is no longer its output socket";
            return null;
        }

        failure = null;
        return new Socket(new SafeSocketHandle(copy, ownsHandle: true));
    }
}
