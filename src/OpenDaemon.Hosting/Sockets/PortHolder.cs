using System.Globalization;

namespace OpenDaemon.Hosting.Sockets;

/// <summary>The process that listens on a TCP port, found through /proc (Linux).</summary>
/// <param name="Pid">Its pid.</param>
/// <param name="Command">Its command line (shortened), or its name.</param>
public sealed record PortHolder(int Pid, string Command)
{
    private const int CommandLimit = 120;
    private const string ListenState = "0A"; // TCP_LISTEN in /proc/net/tcp's "st" column

    /// <summary>
    /// The process holding a listening socket on <paramref name="port"/>: the socket's inode from
    /// /proc/net/tcp and tcp6, then the process with a descriptor on that inode. Null when none is
    /// listening or the holder's descriptors are not readable to this user.
    /// </summary>
    public static PortHolder? Find(int port, string procRoot = "/proc")
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "net/tcp", "net/tcp6" })
        {
            var path = Path.Combine(procRoot, table);
            if (TryRead(path) is { } text)
            {
                inodes.UnionWith(ListeningInodes(text, port));
            }
        }

        return inodes.Count == 0 ? null : FindOwner(procRoot, inodes);
    }

    /// <summary>The inodes of the sockets listening on <paramref name="port"/> in the text of /proc/net/tcp or tcp6.</summary>
    public static IEnumerable<string> ListeningInodes(string procNetTcp, int port)
    {
        foreach (var line in procNetTcp.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != ListenState)
            {
                continue;
            }

            var colon = fields[1].LastIndexOf(':');
            if (colon > 0 && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var local)
                && local == port && fields[9] != "0")
            {
                yield return fields[9];
            }
        }
    }

    private static PortHolder? FindOwner(string procRoot, HashSet<string> inodes)
    {
        IEnumerable<string> processes;
        try
        {
            processes = Directory.EnumerateDirectories(procRoot);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var directory in processes)
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && inodes.Contains(target["socket:[".Length..^1]))
                    {
                        return new PortHolder(pid, CommandOf(directory));
                    }
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just exited: not ours to see.
            }
        }

        return null;
    }

    private static string CommandOf(string processDirectory)
    {
        // Arguments are NUL-separated; control characters inside them (a `python -c` script's newlines)
        // would break the one-line error this ends up in.
        var command = TryRead(Path.Combine(processDirectory, "cmdline")) is { } raw
            ? string.Concat(raw.Select(c => char.IsControl(c) ? ' ' : c)).Trim()
            : null;
        if (string.IsNullOrEmpty(command))
        {
            command = TryRead(Path.Combine(processDirectory, "comm"))?.Trim() ?? "?";
        }

        return command.Length <= CommandLimit ? command : command[..(CommandLimit - 1)] + "…";
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
