namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>
/// Finds a test's processes by a unique marker in their command line (a /proc scan), whoever their
/// parent is: the proof that nothing of an app's tree is left, orphans of pid 1 included.
/// </summary>
internal sealed class MarkedProcesses
{
    public MarkedProcesses() => Marker = "odmark" + Guid.NewGuid().ToString("N")[..12];

    public string Marker { get; }

    /// <summary>A symlink to /bin/sleep named after the marker (plus <paramref name="suffix"/>), so every sleep it runs carries the marker.</summary>
    public string Sleeper(string directory, string suffix = "")
    {
        var path = Path.Combine(directory, Marker + suffix);
        File.CreateSymbolicLink(path, "/bin/sleep");
        return path;
    }

    /// <summary>Live processes whose command line contains the marker and <paramref name="also"/>: (pid, command line).</summary>
    public IReadOnlyList<(int Pid, string CommandLine)> Find(string also = "")
    {
        var found = new List<(int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || !TestApps.IsAlive(pid))
            {
                continue;
            }

            var commandLine = Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            if (commandLine.Contains(Marker, StringComparison.Ordinal) && commandLine.Contains(also, StringComparison.Ordinal))
            {
                found.Add((pid, commandLine));
            }
        }

        return found;
    }

    public string Describe() => string.Join("; ", Find().Select(process => $"{process.Pid} {process.CommandLine}"));

    /// <summary>Kills whatever a failed test left (never needed when the test passes).</summary>
    public void KillAll()
    {
        foreach (var (pid, _) in Find())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
