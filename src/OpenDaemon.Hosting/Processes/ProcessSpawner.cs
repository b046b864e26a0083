using System.Net.Sockets;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Starts apps with posix_spawn (Linux): each in a new session, stdin on /dev/null, stdout and stderr on
/// socketpairs read asynchronously, reaped by the single reaper thread. Thread-safe.
/// </summary>
/// <remarks>
/// The child inherits only fds 0, 1 and 2, then its listening sockets (socket activation) from fd 3, its IPC channel after them, and last
/// the kept copies of our ends of its output (<see cref="KeptOutput"/>). Every descriptor this layer (and the runtime) opens is
/// close-on-exec, which keeps two concurrent spawns from leaking each other's socket ends; on top of
/// that the child closes everything from fd 3 up before exec, which catches descriptors the daemon
/// itself inherited without close-on-exec.
/// <para>
/// glibc's posix_spawn leaves its two internal signals (32 and 33) ignored in the child; every
/// other signal starts with its default action and none is blocked.
/// </para>
/// </remarks>
public sealed class ProcessSpawner : IProcessSpawner
{
    private const int SigKill = 9;

    private ProcessSpawner()
    {
    }

    /// <summary>The spawner (it has no state of its own).</summary>
    public static ProcessSpawner Instance { get; } = new();

    /// <inheritdoc/>
    public SpawnedProcess Spawn(SpawnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("starting apps needs Linux (posix_spawn with setsid, pidfd, epoll)");
        }

        SpawnRequestValidator.ThrowIfInvalid(request);
        if (!Directory.Exists(request.WorkingDirectory))
        {
            throw new SpawnException(Errno.NoEntry, $"cannot start {request.FileName}: the working directory {request.WorkingDirectory} does not exist");
        }

        // With the shim, the process starts as `od __exec-shim ...` and execve's the target itself.
        string executable = request.NeedsShim ? request.ShimExecutable! : request.FileName;
        List<string> argv = request.NeedsShim
            ? [executable, ExecShim.CommandName, .. ExecShim.BuildArguments(request)]
            : [request.FileName, .. request.Arguments];

        using var nativeArgv = NativeStringArray.Create(argv);
        using var nativeEnvironment = NativeStringArray.Create([.. request.Environment.Select(pair => $"{pair.Key}={pair.Value}")]);
        using var stdout = OutputChannel.Create(request.FileName);
        using var stderr = OutputChannel.Create(request.FileName);
        using var channel = request.IpcChannel ? OutputChannel.Create(request.FileName) : null;

        int pid = Start(request, executable, nativeArgv, nativeEnvironment, stdout, stderr, channel, out Task<ProcessExit> exited);
        var kept = request.KeepOutput
            ? new KeptOutput(request.KeptOutputFd, request.KeptOutputFd + 1, KeptOutput.InodeOf(stdout.ParentFd), KeptOutput.InodeOf(stderr.ParentFd))
            : null;
        Socket output = stdout.TakeReader();
        Socket? errors = null;
        try
        {
            errors = stderr.TakeReader();
            return new SpawnedProcess(pid, output, errors, exited, channel?.TakeDuplex(), kept);
        }
        catch
        {
            // The child runs on and is still reaped; only our end of its output is lost.
            output.Dispose();
            errors?.Dispose();
            throw;
        }
    }

    private static readonly TimeSpan[] TextFileBusyRetries = [TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)];

    private static int Start(SpawnRequest request, string executable, NativeStringArray argv, NativeStringArray environment, OutputChannel stdout, OutputChannel stderr, OutputChannel? channel, out Task<ProcessExit> exited)
    {
        ReaperThread reaper = ReaperThread.Instance;
        using var inherited = InheritedDescriptors.Create(request.ListenSockets, channel?.ChildFd ?? -1, request.KeepOutput ? [stdout.ParentFd, stderr.ParentFd] : [], request.FileName);
        using ReaperThread.SpawnScope scope = reaper.EnterSpawn();

        int errno = PosixSpawn.Run(executable, argv, environment, request.WorkingDirectory, stdout.ChildFd, stderr.ChildFd, inherited.Fds, out int pid);
        for (int attempt = 0; errno == Errno.TextFileBusy && attempt < TextFileBusyRetries.Length; attempt++)
        {
            // ETXTBSY: the script was just written and another child forked in that instant still holds the
            // writer's descriptor until its own exec (a deploy writing files, a parallel test). Transient:
            // retry briefly instead of calling a good script unrunnable (Go's os/exec does the same).
            Thread.Sleep(TextFileBusyRetries[attempt]);
            errno = PosixSpawn.Run(executable, argv, environment, request.WorkingDirectory, stdout.ChildFd, stderr.ChildFd, inherited.Fds, out pid);
        }

        // The child has its copies (or never started): ours must go, or EOF would never come.
        stdout.CloseChildEnd();
        stderr.CloseChildEnd();
        channel?.CloseChildEnd();
        if (errno != 0)
        {
            throw SpawnException.CannotExecute(executable, errno);
        }

        int pidfd = LibC.PidfdOpen(pid);
        exited = Task.FromResult(ProcessExit.Unknown);
        errno = pidfd < 0 ? -pidfd : reaper.Track(pid, pidfd, out exited);
        if (errno != 0)
        {
            // A child nobody can watch would never be reaped: take it down now (no app code has run for
            // long) rather than leave a process the daemon does not know about.
            _ = LibC.Kill(pid, SigKill);
            LibC.WaitPidBlocking(pid);
            throw new SpawnException(errno, $"cannot watch {executable} (pid {pid}) after starting it: {Errno.Message(errno)}");
        }

        return pid;
    }

    /// <summary>One socketpair: the child's end becomes fd 1, 2 (or 3 for IPC), ours becomes a <see cref="Socket"/>.</summary>
    private sealed class OutputChannel : IDisposable
    {
        private int _parentFd;

        private OutputChannel(int parentFd, int childFd)
        {
            _parentFd = parentFd;
            ChildFd = childFd;
        }

        public int ChildFd { get; private set; }

        /// <summary>Our end, until <see cref="TakeReader"/> or <see cref="TakeDuplex"/> hands it over.</summary>
        public int ParentFd => _parentFd;

        public static OutputChannel Create(string fileName)
        {
            int errno = LibC.SocketPair(LibC.AddressFamilyUnix, LibC.SocketStreamCloseOnExec, out int parent, out int child);
            return errno == 0
                ? new OutputChannel(parent, child)
                : throw new SpawnException(errno, $"cannot start {fileName}: creating its output socket failed: {Errno.Message(errno)}");
        }

        public void CloseChildEnd()
        {
            if (ChildFd >= 0)
            {
                _ = LibC.Close(ChildFd);
                ChildFd = -1;
            }
        }

        /// <summary>Hands our end to a <see cref="Socket"/>, so reads go through the runtime's epoll engine.</summary>
        public Socket TakeReader()
        {
            var socket = new Socket(new SafeSocketHandle(_parentFd, ownsHandle: true));
            _parentFd = -1;
            socket.Shutdown(SocketShutdown.Send); // reading only; the child's stdin is /dev/null anyway
            return socket;
        }

        /// <summary>Hands our end to a <see cref="Socket"/> for both directions (the IPC channel).</summary>
        public Socket TakeDuplex()
        {
            var socket = new Socket(new SafeSocketHandle(_parentFd, ownsHandle: true));
            _parentFd = -1;
            return socket;
        }

        public void Dispose()
        {
            CloseChildEnd();
            if (_parentFd >= 0)
            {
                _ = LibC.Close(_parentFd);
                _parentFd = -1;
            }
        }
    }
}
