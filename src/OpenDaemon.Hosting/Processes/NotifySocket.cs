using System.Net.Sockets;
using System.Text;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// Receives the systemd notify protocol (sd_notify): an AF_UNIX datagram socket whose path the app finds
/// in NOTIFY_SOCKET, so apps written for systemd (Type=notify) report READY=1, STATUS=..., WATCHDOG=1.
/// </summary>
/// <remarks>
/// A filesystem socket is made mode 0600: only the daemon's user (and root) may send. An app switched to
/// another uid needs write access: <see cref="GrantSender"/> hands the file to the app's user (the
/// parent directories must let that user through, too). Abstract sockets ("@name") have no permissions at all:
/// anything in the same network namespace can send, so prefer a filesystem path where that matters.
/// The sender is not authenticated; a caller that cares compares <see cref="NotifyMessage.MainPid"/> or
/// keeps one socket per app instance.
/// </remarks>
public sealed class NotifySocket : IDisposable
{
    // systemd accepts at most this many bytes per message; longer datagrams are cut and parsed as far as they go.
    private const int MaxDatagram = 4096;

    // sun_path is 108 bytes: a path needs its NUL terminator, an abstract name has a leading NUL instead.
    private const int MaxAddressBytes = 107;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly string? _fileToDelete;

    private NotifySocket(Socket socket, string path, string? fileToDelete)
    {
        _socket = socket;
        Path = path;
        _fileToDelete = fileToDelete;
    }

    /// <summary>The value for NOTIFY_SOCKET, exactly as passed to <see cref="Bind"/>.</summary>
    public string Path { get; }

    /// <summary>
    /// Binds <paramref name="path"/>: a filesystem path (a stale file there is removed first), or "@name"
    /// for a Linux abstract socket.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty or longer than a socket address allows (107 bytes).</exception>
    /// <exception cref="SocketException">The bind failed (directory missing, no permission, abstract name in use).</exception>
    public static NotifySocket Bind(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the notify socket needs Linux");
        }

        bool isAbstract = path[0] == '@';
        int length = Encoding.UTF8.GetByteCount(path) - (isAbstract ? 1 : 0);
        if (length == 0 || length > MaxAddressBytes)
        {
            throw new ArgumentException(
                $"the notify socket path '{path}' is {length} bytes long; a Unix socket address allows 1 to {MaxAddressBytes}. Choose a shorter path.",
                nameof(path));
        }

        string address = isAbstract ? "\0" + path[1..] : path;
        if (!isAbstract && File.Exists(path))
        {
            // A file left behind by a crashed daemon would make bind fail with EADDRINUSE. A datagram socket
            // has no listener to probe; the path belongs to the caller (a per-app file in the daemon's
            // runtime directory), so whatever is there is stale.
            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(address));
            if (!isAbstract)
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new NotifySocket(socket, path, isAbstract ? null : path);
    }

    /// <summary>
    /// Makes the socket file owned by <paramref name="userId"/>:<paramref name="groupId"/> (still mode
    /// 0600), so an app the exec shim switches to that user can send; the daemon keeps receiving on the
    /// socket it already holds. Needs root (as does switching the app's user). No effect on abstract sockets.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The kernel refused the chown.</exception>
    public void GrantSender(int userId, int groupId)
    {
        if (_fileToDelete is null)
        {
            return;
        }

        int errno = Interop.LibC.ChangeOwner(_fileToDelete, (uint)userId, (uint)groupId);
        if (errno != 0)
        {
            throw new UnauthorizedAccessException($"cannot give the notify socket {Path} to user {userId}: {Interop.Errno.Message(errno)}");
        }
    }

    /// <summary>Receives one datagram. One receive at a time: the buffer is reused.</summary>
    public async ValueTask<NotifyMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        int count = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return NotifyMessage.Parse(_buffer.AsSpan(0, count));
    }

    /// <summary>Closes the socket and removes its file.</summary>
    public void Dispose()
    {
        _socket.Dispose();
        if (_fileToDelete is not null)
        {
            try
            {
                File.Delete(_fileToDelete);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Stale files are removed by the next Bind anyway.
            }
        }
    }
}
