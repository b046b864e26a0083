namespace OpenDaemon.Plugins.ProcessManager.Launching;

/// <summary>
/// Finds executables the way a shell would, but with the APP's <c>PATH</c> (not the daemon's), so
/// that "interpreter not found" is reported before anything is spawned.
/// </summary>
internal static class ExecutableResolver
{
    /// <summary>An absolute path for <paramref name="command"/>, or null when it cannot be found.</summary>
    public static string? Resolve(string command, string workingDirectory, string? pathVariable)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command, workingDirectory);
            return File.Exists(full) ? full : null;
        }

        foreach (var directory in (pathVariable ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
