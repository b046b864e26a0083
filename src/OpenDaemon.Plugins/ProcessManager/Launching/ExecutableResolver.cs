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

    /// <summary>True when some execute bit is set (what exec needs from root; close enough for others).</summary>
    public static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>The program a <c>#!</c> first line names (<c>/bin/sh</c>, or <c>python3</c> for <c>#!/usr/bin/env python3</c>), or null.</summary>
    public static string? ShebangInterpreter(string path)
    {
        try
        {
            Span<byte> head = stackalloc byte[256];
            using var file = File.OpenHandle(path);
            var length = RandomAccess.Read(file, head, 0);
            var text = System.Text.Encoding.UTF8.GetString(head[..length]);
            if (!text.StartsWith("#!", StringComparison.Ordinal))
            {
                return null;
            }

            var line = text[2..].Split('\n', 2)[0].Trim();
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length == 0 ? null
                : Path.GetFileName(words[0]) == "env" && words.Length > 1 ? words[1]
                : words[0];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
