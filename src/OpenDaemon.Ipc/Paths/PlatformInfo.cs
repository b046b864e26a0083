using System.Runtime.Versioning;

namespace OpenDaemon.Ipc.Paths;

/// <summary>The platform facts the toolkit branches on (sockets vs pipes, flock vs share modes).</summary>
public static class PlatformInfo
{
    /// <summary>True on Linux, macOS and FreeBSD: Unix domain sockets, flock, signals.</summary>
    [UnsupportedOSPlatformGuard("windows")]
    public static bool IsUnix { get; } =
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>True on Windows: named pipes and exclusive share modes instead.</summary>
    [SupportedOSPlatformGuard("windows")]
    public static bool IsWindows { get; } = OperatingSystem.IsWindows();

    /// <summary>True on macOS, where the runtime directory lives under the per-user $TMPDIR.</summary>
    [SupportedOSPlatformGuard("macos")]
    public static bool IsMacOS { get; } = OperatingSystem.IsMacOS();
}
