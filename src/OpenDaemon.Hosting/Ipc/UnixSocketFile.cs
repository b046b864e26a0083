using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Ipc;
using OpenDaemon.Ipc.Paths;

namespace OpenDaemon.Hosting.Ipc;

/// <summary>Gets a socket path ready for bind: private parent directory, stale socket file removed, live server refused.</summary>
internal static class UnixSocketFile
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <exception cref="UnsafePathException">The directory or an existing file at the path is not this user's alone.</exception>
    /// <exception cref="IOException">A live server listens on the path, or the path is not usable.</exception>
    public static async Task PrepareForBindAsync(string socketPath, uint? groupId, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(socketPath);
        if (!string.IsNullOrEmpty(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                // Whoever can write the socket's directory can delete our socket and bind their own,
                // and then receive what clients send (secrets in --setenv): it must be ours alone.
                SafePaths.EnsurePrivateDirectory(directory);
                if (groupId is { } gid)
                {
                    OpenToGroup(directory, gid, UnixFileMode.GroupExecute);
                }
            }
        }

        if (Directory.Exists(socketPath))
        {
            throw new IOException($"cannot listen on {socketPath}: it is a directory");
        }

        // lstat: a symlink or another user's file is reported, never probed, followed or deleted.
        if (!SafePaths.VerifySocketIfPresent(socketPath))
        {
            return;
        }

        if (await IsLiveAsync(socketPath, timeProvider, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"cannot listen on {socketPath}: another server is already listening there");
        }

        // Two servers starting at the same moment could both decide the file is stale; the daemon's PID
        // lock, taken before the server starts, is what makes that impossible.
        File.Delete(socketPath);
        IpcLog.StaleSocketRemoved(logger, socketPath);
    }

    /// <summary>Mode 0600, or 0660 owned by <paramref name="groupId"/>: the group's members may connect.</summary>
    /// <exception cref="IOException">The group could not be given the socket (the daemon's user is not a member of it).</exception>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void SetAccess(string socketPath, uint? groupId)
    {
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (groupId is { } gid)
        {
            OpenToGroup(socketPath, gid, UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        }
    }

    // chgrp, then add the group's bits: search on the directory (0710 when it was 0700), read and write on
    // the socket. Never write on the directory: the group must not replace the socket (SafePaths refuses it).
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void OpenToGroup(string path, uint groupId, UnixFileMode groupBits)
    {
        int errno = Interop.LibC.ChangeOwner(path, uint.MaxValue, groupId);
        if (errno != 0)
        {
            throw new IOException($"cannot give {path} to group {groupId}: {Interop.Errno.Message(errno)} (the daemon's user must be root or a member of that group)");
        }

        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | groupBits);
    }

    public static void TryDelete(string socketPath, ILogger logger)
    {
        try
        {
            File.Delete(socketPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            IpcLog.SocketDeleteFailed(logger, socketPath, error);
        }
    }

    private static async Task<bool> IsLiveAsync(string socketPath, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(ProbeTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await probe.ConnectAsync(SocketEndPoints.For(socketPath), linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // The kernel refuses connections to a socket file nobody listens on: that is a stale file.
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Something holds the path and does not answer in time (a full backlog): treat it as alive
            // rather than delete a socket that may still be in use.
            return true;
        }
        catch (SocketException error)
        {
            throw new IOException($"cannot listen on {socketPath}: probing the existing socket file failed ({error.Message})", error);
        }
    }
}
