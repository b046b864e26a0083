using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using OpenDaemon.Ipc.Interop;

namespace OpenDaemon.Ipc.Paths;

/// <summary>
/// The ownership rules for everything a daemon keeps on disk (its home, runtime directory, socket,
/// lock and PID files). A daemon often runs as root; if another user can create, replace or
/// redirect one of these paths, that user can make the daemon overwrite any file or can listen in
/// its place. So nothing is trusted that this user did not make:
/// <list type="bullet">
/// <item>a directory must be a real directory (not a symlink), owned by the effective uid, and not
/// writable by group or others; group/other <em>read</em> is accepted, because only the owner can
/// have granted it (the daemon creates its directories 0700);</item>
/// <item>every ancestor must be owned by this user or root, and if group/other-writable it must be
/// sticky (like /tmp), so nobody else can rename the directory away and put their own in its place;</item>
/// <item>a file or socket must be of the expected type, owned by this user, and is never followed
/// through a symlink.</item>
/// </list>
/// Owners are read with statx on Linux; elsewhere only types and modes are checked.
/// </summary>
public static class SafePaths
{
    private const UnixFileMode PrivateDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="directory"/> (and missing parents) mode 0700 if it is missing, then checks it as <see cref="VerifyDirectory"/> does.</summary>
    /// <exception cref="UnsafePathException">The directory (or an ancestor) is not safe.</exception>
    /// <exception cref="IOException">It could not be created or examined.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create it.</exception>
    public static void EnsurePrivateDirectory(string directory)
    {
        if (!PlatformInfo.IsUnix)
        {
            Directory.CreateDirectory(directory);
            return;
        }

        directory = Path.GetFullPath(directory);

        // lstat first: Directory.Exists follows a symlink, and CreateDirectory accepts one.
        if (FileStatus.OfPath(directory, out int errno) is null && errno == PosixFiles.NoEntry)
        {
            Directory.CreateDirectory(directory, PrivateDirectoryMode);
        }

        // Always checked after creating: someone may have made it between our look and mkdir.
        VerifyDirectory(directory);
    }

    /// <summary>Checks that an existing directory is a real directory owned by this user that no one else can write to, below ancestors no one else controls.</summary>
    /// <exception cref="UnsafePathException">It is not.</exception>
    public static void VerifyDirectory(string directory)
    {
        if (!PlatformInfo.IsUnix)
        {
            return;
        }

        directory = Path.GetFullPath(directory);
        uint self = PosixFiles.GetEffectiveUid();
        if (Stat(directory) is not { } status)
        {
            VerifyPortably(directory);
            return;
        }

        if (status.Type == FileStatus.TypeSymlink)
        {
            throw new UnsafePathException(directory, "is a symbolic link", "use the real directory instead of the link (set OD_HOME to it)");
        }

        if (status.Type != FileStatus.TypeDirectory)
        {
            throw new UnsafePathException(directory, "is not a directory", "remove it or choose another directory (OD_HOME)");
        }

        if (status.Owner != self)
        {
            throw new UnsafePathException(
                directory,
                $"belongs to uid {status.Owner}, not to this user (uid {self}): that user could redirect or read the daemon's files",
                $"use a directory of your own (set OD_HOME), or 'chown {self} {directory}' if it is yours");
        }

        if (status.SharedWritable)
        {
            throw new UnsafePathException(
                directory,
                $"is writable by group or others (mode {Octal(status.Permissions)}): they could replace the daemon's files",
                $"run 'chmod go-w {directory}' (the daemon creates its directories 0700)");
        }

        VerifyAncestors(directory, self);
    }

    /// <summary>
    /// Checks an entry that may or may not exist (a socket, a lock or PID file) without following
    /// it: false when it is missing; true when it is of <paramref name="expectedType"/> and owned by
    /// this user.
    /// </summary>
    /// <exception cref="UnsafePathException">It exists but is a symlink, of another type, or another user's.</exception>
    internal static bool VerifyEntryIfPresent(string path, int expectedType, string kind)
    {
        if (!PlatformInfo.IsUnix)
        {
            return File.Exists(path) || Directory.Exists(path);
        }

        var status = FileStatus.OfPath(path, out int errno);
        if (status is null)
        {
            if (errno == PosixFiles.NoEntry)
            {
                return false;
            }

            if (FileStatus.Supported(errno))
            {
                throw new IOException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            return PortableIsLink(path) ? throw SymlinkRefused(path, kind) : File.Exists(path);
        }

        if (status.Value.Type == FileStatus.TypeSymlink)
        {
            throw new UnsafePathException(path, "is a symbolic link", $"remove it ('rm {path}'): the daemon's {kind} is never followed through a link");
        }

        if (status.Value.Type != expectedType)
        {
            throw new UnsafePathException(path, $"is not a {kind}", "remove it or choose another path");
        }

        uint self = PosixFiles.GetEffectiveUid();
        if (status.Value.Owner != self)
        {
            throw new UnsafePathException(
                path,
                $"belongs to uid {status.Value.Owner}, not to this user (uid {self})",
                $"remove it ('rm {path}') after checking who made it");
        }

        return true;
    }

    /// <summary>True when a socket owned by this user is at <paramref name="path"/>, false when nothing is; throws for anything else.</summary>
    /// <exception cref="UnsafePathException">A symlink, a non-socket, or another user's socket is there.</exception>
    public static bool VerifySocketIfPresent(string path) => VerifyEntryIfPresent(path, FileStatus.TypeSocket, "socket");

    /// <summary>Checks a file this process opened (O_NOFOLLOW): a regular file, owned by this user, with one link.</summary>
    /// <exception cref="UnsafePathException">It is not.</exception>
    internal static void VerifyOpenedFile(SafeFileHandle handle, string path)
    {
        if (FileStatus.OfHandle(handle, out _) is not { } status)
        {
            return;
        }

        uint self = PosixFiles.GetEffectiveUid();
        if (status.Type != FileStatus.TypeRegular)
        {
            throw new UnsafePathException(path, "is not a regular file", $"remove it ('rm {path}')");
        }

        if (status.Owner != self)
        {
            throw new UnsafePathException(path, $"belongs to uid {status.Owner}, not to this user (uid {self})", $"remove it ('rm {path}') after checking who made it");
        }

        if (status.Links != 1)
        {
            // A hard link to another file would make us write into that file.
            throw new UnsafePathException(path, $"has {status.Links} hard links", $"remove it ('rm {path}')");
        }
    }

    /// <summary>The message for an open that failed because the path is a symlink.</summary>
    internal static UnsafePathException SymlinkRefused(string path, string kind) =>
        new(path, "is a symbolic link", $"remove it ('rm {path}'): the daemon's {kind} is never followed through a link");

    private static void VerifyAncestors(string directory, uint self)
    {
        for (var parent = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (Stat(parent) is not { } status)
            {
                return;
            }

            if (status.Owner != self && status.Owner != 0)
            {
                throw new UnsafePathException(
                    directory,
                    $"is inside {parent}, which belongs to uid {status.Owner}: that user could move it away and put their own in its place",
                    "keep the daemon's files in a directory tree owned by this user or root (set OD_HOME)");
            }

            if (status.Type != FileStatus.TypeSymlink && status.SharedWritable && !status.IsSticky)
            {
                throw new UnsafePathException(
                    directory,
                    $"is inside {parent}, which others can write to (mode {Octal(status.Permissions)}) without the sticky bit: they could replace it",
                    $"run 'chmod go-w {parent}' or 'chmod +t {parent}', or set OD_HOME elsewhere");
            }
        }
    }

    private static FileStatus? Stat(string path)
    {
        var status = FileStatus.OfPath(path, out int errno);
        if (status is null && FileStatus.Supported(errno) && errno != PosixFiles.NoEntry)
        {
            throw new IOException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return status;
    }

    // Without statx (macOS, FreeBSD, old kernels): the BCL can still tell a link and the mode bits.
    private static void VerifyPortably(string directory)
    {
        if (PortableIsLink(directory))
        {
            throw new UnsafePathException(directory, "is a symbolic link", "use the real directory instead of the link (set OD_HOME to it)");
        }

        if (PlatformInfo.IsUnix && Directory.Exists(directory) && (File.GetUnixFileMode(directory) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UnsafePathException(directory, "is writable by group or others", $"run 'chmod go-w {directory}'");
        }
    }

    private static bool PortableIsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static string Octal(int permissions) => "0" + Convert.ToString(permissions, 8).PadLeft(3, '0');
}
