using System.Security.Cryptography;
using System.Text;
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

    private const UnixFileMode PrivateDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode SharedWriteBits = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Resolves the paths for <paramref name="appName"/> following the toolkit's rules.</summary>
    /// <remarks>
    /// Runtime directory: <c>$XDG_RUNTIME_DIR/&lt;name&gt;/</c> if set; on Linux
    /// <c>/run/user/&lt;uid&gt;/&lt;name&gt;/</c> if that directory exists and is writable; on macOS
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

    /// <summary>Creates the runtime directory (and the socket's directory) if missing, mode 0700 on Unix.</summary>
    /// <exception cref="IOException">An existing directory is writable by other users, so another
    /// user could replace the socket or PID file.</exception>
    public void EnsureDirectories()
    {
        EnsurePrivateDirectory(RuntimeDirectory);
        if (!IsPipePath(SocketPath) && Path.GetDirectoryName(Path.GetFullPath(SocketPath)) is { Length: > 0 } socketDirectory)
        {
            EnsurePrivateDirectory(socketDirectory);
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

        string? tmpDir = NonEmpty(getEnv("TMPDIR"));
        if (platform == HostPlatform.MacOS && tmpDir is not null)
        {
            // macOS gives every user a private $TMPDIR, so no uid suffix is needed there.
            return Path.Join(tmpDir, appName);
        }

        // A shared /tmp: the uid suffix keeps users apart; EnsureDirectories refuses a directory
        // that others can write to.
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

    private static void EnsurePrivateDirectory(string directory)
    {
        if (!PlatformInfo.IsUnix)
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectoryMode);
            return;
        }

        if ((File.GetUnixFileMode(directory) & SharedWriteBits) != 0)
        {
            throw new IOException(
                $"Directory '{directory}' is writable by other users; refusing to keep daemon files there. " +
                "Make it private (chmod 700) or choose another directory.");
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
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 4));
}
