using System.Runtime.InteropServices;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// The descriptors one spawn passes to the child at fds 3, 4, …: its listening sockets, then its IPC
/// channel, then the kept copies of the daemon's ends of its output (<see cref="KeptOutput"/>). While it lives it holds a reference on each socket handle (so a concurrent dispose of the
/// app's socket cannot close, and let the kernel reuse, the number under the spawn) and owns the
/// copies it had to make.
/// </summary>
/// <remarks>
/// posix_spawn runs the dup2s in order: a source numbered inside the target range could be overwritten
/// by an earlier dup2 before its own turn. Every source below 3 + count is therefore copied above the
/// range first (close-on-exec, closed again after the spawn).
/// </remarks>
internal sealed class InheritedDescriptors : IDisposable
{
    private const int FirstTarget = SpawnRequest.ListenFdsStart;

    private readonly List<SafeHandle> _referenced = [];
    private readonly List<int> _copies = [];
    private readonly int[] _fds;

    private InheritedDescriptors(int count) => _fds = new int[count];

    /// <summary>The sources, in target order (fd 3 first).</summary>
    public ReadOnlySpan<int> Fds => _fds;

    public static InheritedDescriptors Create(IReadOnlyList<SafeHandle> listenSockets, int channelChildFd, ReadOnlySpan<int> keptOutput, string fileName)
    {
        var channelCount = channelChildFd >= 0 ? 1 : 0;
        var count = listenSockets.Count + channelCount + keptOutput.Length;
        var descriptors = new InheritedDescriptors(count);
        try
        {
            for (var i = 0; i < listenSockets.Count; i++)
            {
                var added = false;
                try
                {
                    listenSockets[i].DangerousAddRef(ref added);
                }
                catch (ObjectDisposedException)
                {
                    throw new SpawnException(Errno.BadDescriptor, $"cannot start {fileName}: its listening socket was closed (the app is being removed)");
                }

                descriptors._referenced.Add(listenSockets[i]);
                descriptors._fds[i] = descriptors.AboveRange((int)listenSockets[i].DangerousGetHandle(), count, fileName);
            }

            if (channelChildFd >= 0)
            {
                descriptors._fds[listenSockets.Count] = descriptors.AboveRange(channelChildFd, count, fileName);
            }

            for (var i = 0; i < keptOutput.Length; i++)
            {
                descriptors._fds[listenSockets.Count + channelCount + i] = descriptors.AboveRange(keptOutput[i], count, fileName);
            }

            return descriptors;
        }
        catch
        {
            descriptors.Dispose();
            throw;
        }
    }

    private int AboveRange(int fd, int count, string fileName)
    {
        if (fd >= FirstTarget + count)
        {
            return fd;
        }

        int copy = LibC.DuplicateAtLeast(fd, FirstTarget + count);
        if (copy < 0)
        {
            throw new SpawnException(-copy, $"cannot start {fileName}: copying a descriptor it inherits failed: {Errno.Message(-copy)}");
        }

        _copies.Add(copy);
        return copy;
    }

    public void Dispose()
    {
        foreach (var copy in _copies)
        {
            _ = LibC.Close(copy);
        }

        _copies.Clear();
        foreach (var handle in _referenced)
        {
            handle.DangerousRelease();
        }

        _referenced.Clear();
    }
}
