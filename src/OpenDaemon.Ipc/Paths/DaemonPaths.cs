using System.Text;
using OpenDaemon.Ipc.Hashing;
using OpenDaemon.Ipc.Interop;

namespace OpenDaemon.Ipc.Paths;

/// <summary>Where a daemon keeps its runtime files: the socket, the PID file and the lock file.</summary>
/// <param name="RuntimeDirectory">The directory holding the PID and lock files (and usually the socket).</param>
/// <param name="SocketPath">A Unix domain socket path, or a named pipe path (<c>\\.\pipe\…</c>) on Windows.</param>
/// <param name="PidPath">The PID file, written atomically by the lock holder.</param>
/// <param name="LockPath">The lock file the running daemon holds an advisory lock on.</param>
public sealed record DaemonPaths(string RuntimeDirectory, string SocketPath, string PidPath, string LockPath)
{
    internal const string SocketFileName = "daemon.sock";
    internal const string PidFileName = "daemon.pid";
    internal const string LockFileName = "daemon.lock";

    /// <summary>Resolves the paths for <paramref name="appName"/> following the toolkit's rules.</summary>
    /// <remarks>
    /// Runtime directory: <c>$XDG_RUNTIME_DIR/&lt;name&gt;/</c> if set; on Linux
    /// <c>/run/user/&lt;uid&gt;/&lt;name&gt;/</c> if that directory exists and is writable; for root
    /// <c>/run/&lt;name&gt;/</c> (<c>/var/run</c> off Linux), never a shared temp directory; on macOS
    /// <c>$TMPDIR/&lt;name&gt;/</c>; otherwise <c>$TMPDIR</c> (or <c>/tmp</c>) <c>/&lt;name&gt;-&lt;uid&gt;/</c>.
    /// On Windows the directory is <c>%TEMP%\&lt;name&gt;</c> and the socket is the pipe
    /// <c>\\.\pipe\&lt;name&gt;-daemon</c>. Files: daemon.sock, daemon.pid, daemon.lock.
    /// <paramref name="homeDirectory"/> (like PM2_HOME) puts all three files directly inside it; on
    /// Windows the pipe name then carries a hash of that directory so isolated daemons never share a
    /// pipe. <paramref name="socketPath"/> replaces the socket alone.
    /// </remarks>
    public static DaemonPaths Resolve(
        string appName,
        string? homeDirectory = null,
        string? socketPath = null,
        Func<string, string?>? getEnvironmentVariable = null) =>
        Resolve(
            appName,
            homeDirectory,
            socketPath,
            getEnvironmentVariable ?? Environment.GetEnvironmentVariable,
            CurrentPlatform(),
            PlatformInfo.IsUnix ? PosixFiles.GetUid() : 0,
            IsWritableDirectory);

    /// <summary>
    /// Creates the runtime directory (and the socket's directory) if missing, mode 0700 on Unix, and
    /// checks existing ones with <see cref="SafePaths"/>: a real directory, owned by this user, not
    /// writable by others.
    /// </summary>
    /// <exception cref="UnsafePathException">A directory is a symlink, another user's, or writable by
    /// others, so another user could replace the socket or the lock.</exception>
    public void EnsureDirectories()
    {
        SafePaths.EnsurePrivateDirectory(RuntimeDirectory);
        if (!IsPipePath(SocketPath) && Path.GetDirectoryName(Path.GetFullPath(SocketPath)) is { Length: > 0 } socketDirectory)
        {
            SafePaths.EnsurePrivateDirectory(socketDirectory);
        }
    }

    internal static DaemonPaths Resolve(
        string appName,
        string? homeDirectory,
        string? socketPath,
        Func<string, string?> getEnvironmentVariable,
        HostPlatform platform,
        uint uid,
        Func<string, bool> isWritableDirectory)
    {
        ValidateAppName(appName);
        bool windows = platform == HostPlatform.Windows;

        string directory;
        string socket;
        if (!string.IsNullOrEmpty(homeDirectory))
        {
            directory = Path.GetFullPath(homeDirectory);
            socket = windows ? PipePath($"{appName}-daemon-{ShortHash(directory)}") : Path.Join(directory, SocketFileName);
        }
        else
        {
            directory = RuntimeDirectoryFor(appName, getEnvironmentVariable, platform, uid, isWritableDirectory);
            socket = windows ? PipePath($"{appName}-daemon") : Path.Join(directory, SocketFileName);
        }

        if (!string.IsNullOrEmpty(socketPath))
        {
            socket = socketPath;
        }

        return new DaemonPaths(directory, socket, Path.Join(directory, PidFileName), Path.Join(directory, LockFileName));
    }

    private static string RuntimeDirectoryFor(
        string appName,
        Func<string, string?> getEnv,
        HostPlatform platform,
        uint uid,
        Func<string, bool> isWritableDirectory)
    {
        if (platform == HostPlatform.Windows)
        {
            string temp = NonEmpty(getEnv("TEMP")) ?? NonEmpty(getEnv("TMP")) ?? Path.GetTempPath();
            return Path.Join(temp, appName);
        }

        // A relative XDG_RUNTIME_DIR is invalid per the XDG spec and must be ignored.
        if (NonEmpty(getEnv("XDG_RUNTIME_DIR")) is { } xdg && xdg.StartsWith('/'))
        {
            return Path.Join(xdg, appName);
        }

        if (platform == HostPlatform.Linux)
        {
            string userRuntime = $"/run/user/{uid}";
            if (isWritableDirectory(userRuntime))
            {
                return Path.Join(userRuntime, appName);
            }
        }

        if (uid == 0)
        {
            // Root never uses /tmp: any user could create /tmp/<name>-0 first and own it. /run (or
            // /var/run off Linux) is root's own.
            return Path.Join(platform == HostPlatform.Linux ? "/run" : "/var/run", appName);
        }

        string? tmpDir = NonEmpty(getEnv("TMPDIR"));
        if (platform == HostPlatform.MacOS && tmpDir is not null)
        {
            // macOS gives every user a private $TMPDIR, so no uid suffix is needed there.
            return Path.Join(tmpDir, appName);
        }

        // A shared /tmp: the uid suffix keeps users apart; EnsureDirectories refuses a directory
        // that is a symlink, another user's, or writable by others (someone may have made it first).
        return Path.Join(tmpDir ?? "/tmp", $"{appName}-{uid}");
    }

    private static void ValidateAppName(string appName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appName);
        if (appName is "." or ".." || appName.AsSpan().IndexOfAny('/', '\\') >= 0 || appName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"App name '{appName}' must be a single path segment.", nameof(appName));
        }
    }

    private static HostPlatform CurrentPlatform() =>
        PlatformInfo.IsWindows ? HostPlatform.Windows
        : OperatingSystem.IsLinux() ? HostPlatform.Linux
        : PlatformInfo.IsMacOS ? HostPlatform.MacOS
        : HostPlatform.OtherUnix;

    private static bool IsWritableDirectory(string path) =>
        Directory.Exists(path) && (!PlatformInfo.IsUnix || PosixFiles.CanWrite(path));

    private static bool IsPipePath(string path) => path.StartsWith(@"\\.\pipe\", StringComparison.OrdinalIgnoreCase);

    private static string PipePath(string name) => $@"\\.\pipe\{name}";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string ShortHash(string value) =>
        Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 4));
}
