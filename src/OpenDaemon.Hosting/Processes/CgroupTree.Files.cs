using System.ComponentModel;
using System.Globalization;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <content>The cgroup files themselves: membership, signals, cgroup.kill, removal and moves.</content>
public sealed partial class CgroupTree
{
    /// <summary>True while a live process is in <paramref name="group"/> or a cgroup below it (cgroup.events "populated 1").</summary>
    public static bool IsPopulated(string group)
    {
        string events = ReadOrEmpty(System.IO.Path.Join(group, "cgroup.events"));
        if (events.Length > 0)
        {
            return events.Contains("populated 1", StringComparison.Ordinal);
        }

        return Processes(group).Count > 0;
    }

    /// <summary>The pids in <paramref name="group"/> and every cgroup below it; empty once it is gone.</summary>
    public static IReadOnlyList<int> Processes(string group)
    {
        var pids = new List<int>();
        Collect(group, pids);
        return pids;
    }

    /// <summary>Sends <paramref name="signal"/> to every process of <paramref name="group"/>; returns how many got it.</summary>
    public static int Signal(string group, int signal)
    {
        int count = 0;
        foreach (int pid in Processes(group))
        {
            // A pid in cgroup.procs is live (or exiting): it cannot have been reused yet.
            count += LibC.Kill(pid, signal) == 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>SIGKILLs every process of <paramref name="group"/>: cgroup.kill (Linux 5.14+) in one step, else each pid.</summary>
    /// <remarks>cgroup.kill also catches a process that forks while being killed; the pid loop relies on the caller to repeat it until empty.</remarks>
    public static void Kill(string group)
    {
        try
        {
            WriteExisting(System.IO.Path.Join(group, "cgroup.kill"), "1"u8);
            return;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // An older kernel has no cgroup.kill, or the cgroup is gone: signal what is left one by one.
        }

        _ = Signal(group, SigKill);
    }

    /// <summary>Removes <paramref name="group"/> and any cgroup below it; false while processes remain (EBUSY) or on failure.</summary>
    public static bool TryRemove(string group)
    {
        try
        {
            foreach (string child in Directory.GetDirectories(group))
            {
                _ = TryRemove(child);
            }

            // cgroupfs accepts rmdir of a directory that still lists its interface files.
            Directory.Delete(group);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Moves the calling process into <paramref name="group"/> (writes "0" to its cgroup.procs); null, or what failed.</summary>
    internal static string? MoveSelf(string group)
    {
        try
        {
            WriteExisting(System.IO.Path.Join(group, "cgroup.procs"), "0"u8);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or Win32Exception)
        {
            return error.Message;
        }
    }

    private static void Collect(string group, List<int> pids)
    {
        foreach (string line in ReadOrEmpty(System.IO.Path.Join(group, "cgroup.procs")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0)
            {
                pids.Add(pid);
            }
        }

        string[] children;
        try
        {
            children = Directory.GetDirectories(group);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string child in children)
        {
            Collect(child, pids);
        }
    }

    private static bool TryMove(string procsFile, int pid)
    {
        try
        {
            WriteExisting(procsFile, System.Text.Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture)));
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false; // ESRCH: it exited in the meantime
        }
    }

    // Never creates the file: a path that is not a cgroup must fail, not grow a regular "cgroup.procs".
    private static void WriteExisting(string path, ReadOnlySpan<byte> text)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        stream.Write(text);
    }

    private static string ReadOrEmpty(string path)
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
