namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// The od-daemon apphost of this build (artifacts/bin/OpenDaemon.Daemon/CONFIG/od-daemon, built before these
/// tests): the exec shim that passes cluster mode's listening socket, as the real daemon uses itself.
/// </summary>
internal static class DaemonShim
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var candidate = System.IO.Path.Combine(testDirectory.Parent!.Parent!.FullName, "OpenDaemon.Daemon", testDirectory.Name, "od-daemon");
        return File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException($"the od-daemon apphost was not built beside the tests ({candidate})");
    }
}
