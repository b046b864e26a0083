using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Processes;

/// <summary>Everything needed to start one app process; the caller has already resolved paths and the environment.</summary>
/// <remarks>
/// Setting <see cref="UserId"/>, <see cref="GroupId"/>, <see cref="Nice"/>, <see cref="Umask"/>, <see cref="CgroupPath"/> or <see cref="ListenSockets"/> routes the
/// start through the exec shim (<see cref="ShimExecutable"/>), which applies them in the new process and
/// then execve's the target, so the pid the caller sees is the app's.
/// </remarks>
public sealed record SpawnRequest
{
    /// <summary>Absolute path of the executable (the caller resolved PATH). It is also the child's argv[0].</summary>
    public required string FileName { get; init; }

    /// <summary>argv[1..].</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The child's current directory; it must exist.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The complete environment of the child: nothing of the daemon's own environment is added.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Switch to this uid before exec (needs the shim).</summary>
    public int? UserId { get; init; }

    /// <summary>
    /// Switch to this gid (needs the shim). When only <see cref="UserId"/> is set, the user's primary group
    /// from the passwd database is used (or the uid itself when there is no entry), so a root daemon never
    /// leaves an app in group 0 by accident.
    /// </summary>
    public int? GroupId { get; init; }

    /// <summary>
    /// With <see cref="UserId"/>: supplementary groups come from initgroups(UserName, gid). Without it the
    /// supplementary groups are just the gid.
    /// </summary>
    public string? UserName { get; init; }

    /// <summary>Scheduling niceness, -20..19 (needs the shim).</summary>
    public int? Nice { get; init; }

    /// <summary>File mode creation mask, 0..0777 (needs the shim).</summary>
    public int? Umask { get; init; }

    /// <summary>
    /// Give the child a Node.js IPC channel: one end of an AF_UNIX stream socketpair as fd
    /// <see cref="IpcChannelFd"/> (what <c>child_process.fork</c> and PM2's fork mode give a node app).
    /// The caller adds <c>NODE_CHANNEL_FD</c> to <see cref="Environment"/>; the daemon's end is
    /// <see cref="SpawnedProcess.Channel"/>.
    /// </summary>
    public bool IpcChannel { get; init; }

    /// <summary>SD_LISTEN_FDS_START: the first fd a socket-activated child finds its listening sockets at.</summary>
    public const int ListenFdsStart = 3;

    /// <summary>
    /// Listening sockets the child inherits the way systemd socket activation passes them: at fds
    /// <see cref="ListenFdsStart"/>, 4, … in this order. The caller adds <c>LISTEN_FDS</c> (and
    /// <c>LISTEN_FDNAMES</c>) to <see cref="Environment"/>; <c>LISTEN_PID</c> must hold the child's own pid,
    /// which only the child knows before it execs, so these requests go through the exec shim
    /// (<see cref="ShimExecutable"/>), which sets it. The handles stay the caller's: the spawner only holds
    /// a reference while it spawns.
    /// </summary>
    public IReadOnlyList<SafeHandle> ListenSockets { get; init; } = [];

    /// <summary>The fd number of the IPC channel in the child: right after the listening sockets.</summary>
    public int IpcChannelFd => ListenFdsStart + ListenSockets.Count;

    /// <summary>
    /// Give the child copies of the daemon's ends of its stdout and stderr, after the listening sockets and
    /// the IPC channel, so that its output outlives a daemon crash (<see cref="KeptOutput"/>).
    /// </summary>
    public bool KeepOutput { get; init; }

    /// <summary>The fd of the first kept output socket in the child (stdout's; stderr's is the next).</summary>
    public int KeptOutputFd => IpcChannelFd + (IpcChannel ? 1 : 0);

    /// <summary>Path of the <c>od</c> binary; required only when one of the shim settings is set.</summary>
    public string? ShimExecutable { get; init; }

    /// <summary>
    /// The cgroup (a directory in the cgroup v2 file system) the process starts in (needs the shim, which
    /// moves itself there before exec, so nothing the app forks can start outside). See <see cref="CgroupTree"/>.
    /// </summary>
    public string? CgroupPath { get; init; }

    /// <summary>True when a setting needs the exec shim.</summary>
    public bool NeedsShim => UserId is not null || GroupId is not null || Nice is not null || Umask is not null || CgroupPath is not null || ListenSockets.Count > 0;
}
