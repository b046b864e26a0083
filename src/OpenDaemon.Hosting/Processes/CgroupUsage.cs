using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// What the kernel accounts to an app run's own cgroup v2 (see <see cref="CgroupTree"/>): CPU from
/// <c>cpu.stat</c>, which every v2 cgroup has, and memory and I/O from <c>memory.current</c> and <c>io.stat</c>,
/// which exist only where those controllers are enabled for the group (never on a hybrid host, where the v2
/// tree has no controllers; on a pure v2 host when an administrator enables them). Unlike a /proc pass it also
/// counts processes of the run that already exited or left its session.
/// </summary>
public static class CgroupUsage
{
    private static readonly Lazy<string?> V2Mount = new(() => ReadText("/proc/self/mountinfo") is { } info ? CgroupMount.FindV2MountPoint(info) : null);

    /// <summary>
    /// The cgroup directory of <paramref name="pid"/> when it is an app run's cgroup of a daemon (a group inside an
    /// <c>opendaemon-*</c> subtree, not the daemon's own leaf); null otherwise (no v2, the /proc fallback, or gone).
    /// </summary>
    public static string? RunGroupOf(int pid) =>
        V2Mount.Value is { } mount && ReadSmall($"/proc/{pid}/cgroup") is { } cgroup && CgroupMount.FindV2Group(cgroup) is { } group && IsRunGroup(group)
            ? Path.Join(mount, group)
            : null;

    /// <summary>True for <c>…/opendaemon-&lt;hash&gt;/&lt;run&gt;</c>, false for the daemon's leaf and anything else.</summary>
    internal static bool IsRunGroup(string group)
    {
        var name = Path.GetFileName(group);
        var parent = Path.GetFileName(Path.GetDirectoryName(group));
        return name is { Length: > 0 } && name != CgroupTree.DaemonLeafName && parent is not null && parent.StartsWith("opendaemon-", StringComparison.Ordinal);
    }

    /// <summary>The figures of the cgroup at <paramref name="directory"/>; null when it has no <c>cpu.stat</c> (removed, or not v2).</summary>
    public static CgroupFigures? Read(string directory) =>
        Read(directory, ControllersOfChildren(Path.GetDirectoryName(directory) ?? "/"));

    /// <summary>
    /// As <see cref="Read(string)"/>, reading <c>memory.current</c> and <c>io.stat</c> only when <paramref name="controllers"/>
    /// says the group has them: a caller reading many groups of one parent asks the parent once
    /// (<see cref="ControllersOfChildren"/>) instead of trying two missing files per group.
    /// </summary>
    public static CgroupFigures? Read(string directory, CgroupControllers controllers)
    {
        if (ReadCpuMicroseconds(directory) is not var (user, system))
        {
            return null;
        }

        long? memory = (controllers & CgroupControllers.Memory) != 0 && ReadSmall(Path.Join(directory, "memory.current")) is { } current
            && long.TryParse(current.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
        var (read, written) = (controllers & CgroupControllers.Io) != 0 && ReadSmall(Path.Join(directory, "io.stat")) is { } io ? IoBytes(io) : (null, null);
        return new CgroupFigures(user / 1e6, system / 1e6, memory, read, written);
    }

    // user_usec and system_usec of <directory>/cpu.stat ("usage_usec 123\nuser_usec 100\nsystem_usec 23\n…"),
    // parsed from the bytes: read for every app at every metrics pass, where a string per file was most of
    // what a pass with 1,000 apps allocated.
    private static (long User, long System)? ReadCpuMicroseconds(string directory)
    {
        const int MaxPath = 1024, MaxFile = 1024;
        if (directory.Length > MaxPath)
        {
            return null;
        }

        Span<byte> path = stackalloc byte[(MaxPath * 3) + 16];
        int length = Encoding.UTF8.GetBytes(directory, path);
        length += Encoding.UTF8.GetBytes("/cpu.stat\0", path[length..]);
        Span<byte> content = stackalloc byte[MaxFile];
        int count = LibC.ReadSmallFile(path[..length], content);
        if (count < 0)
        {
            return null;
        }

        long user = 0, system = 0;
        var text = content[..count];
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            var space = line.IndexOf((byte)' ');
            if (space > 0 && Utf8Parser.TryParse(line[(space + 1)..], out long value, out _))
            {
                if (line[..space].SequenceEqual("user_usec"u8))
                {
                    user = value;
                }
                else if (line[..space].SequenceEqual("system_usec"u8))
                {
                    system = value;
                }
            }
        }

        return (user, system);
    }

    /// <summary>
    /// The controllers of <paramref name="parentDirectory"/>'s children that <see cref="Read(string, CgroupControllers)"/> uses:
    /// those its <c>cgroup.subtree_control</c> enables. None when the file is missing (not v2, or gone).
    /// </summary>
    public static CgroupControllers ControllersOfChildren(string parentDirectory)
    {
        var controllers = CgroupControllers.None;
        foreach (var name in (ReadSmall(Path.Join(parentDirectory, "cgroup.subtree_control")) ?? "").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            controllers |= name switch
            {
                "memory" => CgroupControllers.Memory,
                "io" => CgroupControllers.Io,
                _ => CgroupControllers.None,
            };
        }

        return controllers;
    }

    // One line per device: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0"; summed over the devices.
    internal static (long? Read, long? Written) IoBytes(string ioStat)
    {
        long read = 0, written = 0;
        var any = false;
        foreach (var pair in ioStat.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("rbytes=", StringComparison.Ordinal) && long.TryParse(pair.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                read += r;
                any = true;
            }
            else if (pair.StartsWith("wbytes=", StringComparison.Ordinal) && long.TryParse(pair.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var w))
            {
                written += w;
                any = true;
            }
        }

        return any ? (read, written) : (null, null);
    }

    // A cgroup or /proc file, read without an exception when it is missing: memory.current and io.stat are
    // missing for every app where those controllers are off (always on a hybrid host), and a thrown and
    // caught FileNotFoundException for each of 1,000 apps every few seconds was most of the idle daemon's CPU.
    private static string? ReadSmall(string path)
    {
        const int MaxPath = 1024, MaxFile = 8192;
        if (path.Length > MaxPath)
        {
            return ReadText(path);
        }

        Span<byte> name = stackalloc byte[(MaxPath * 3) + 1];
        int length = Encoding.UTF8.GetBytes(path, name);
        name[length] = 0;
        Span<byte> content = stackalloc byte[MaxFile];
        int count = LibC.ReadSmallFile(name[..(length + 1)], content);
        return count < 0 ? null : count == MaxFile ? ReadText(path) : Encoding.UTF8.GetString(content[..count]);
    }

    private static string? ReadText(string path)
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

/// <summary>One cgroup's accounting since it was created.</summary>
/// <param name="UserSeconds">CPU time in user mode of every process that ran in it.</param>
/// <param name="SystemSeconds">CPU time in kernel mode likewise.</param>
/// <param name="MemoryBytes">Memory charged to it now (<c>memory.current</c>); null without the memory controller.</param>
/// <param name="IoReadBytes">Bytes read from block devices; null without the io controller.</param>
/// <param name="IoWriteBytes">Bytes written to block devices; null without the io controller.</param>
public readonly record struct CgroupFigures(double UserSeconds, double SystemSeconds, long? MemoryBytes, long? IoReadBytes, long? IoWriteBytes);

/// <summary>The controllers whose files <see cref="CgroupUsage"/> reads besides <c>cpu.stat</c>, which every v2 group has.</summary>
[Flags]
public enum CgroupControllers
{
    None = 0,
    Memory = 1,
    Io = 2,
}
