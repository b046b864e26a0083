using System.Globalization;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Memory;

/// <summary>
/// Gives back the pages of the daemon's own executable that it read once and no longer uses. A Native-AOT
/// binary is mapped from its file, and the kernel maps a page's neighbours with it (fault-around) and reads
/// ahead: after start-up about 17 of the daemon's 22 MB were resident, among them the type data rehydrated
/// once at start and the code of configuration loading and plugin start-up, while an idle daemon keeps using
/// about 6-8 MB of it. <see cref="Release"/> asks the kernel to reclaim the read-only mappings of the
/// executable (madvise MADV_PAGEOUT); a page used again is read back from the file on its next use, so
/// nothing is lost, only a first use after a release costs a page fault. These pages are clean, so the kernel
/// would drop them under memory pressure anyway; releasing them early makes the daemon's resident size what
/// it actually uses. Linux 5.4+ only; elsewhere, and when the kernel refuses, nothing is done.
/// </summary>
/// <remarks>Called from <see cref="BurstMemoryReturner.ReturnNow"/>: after start-up and after bursts, once quiet.</remarks>
public static class ExecutablePages
{
    private static volatile bool s_unsupported = !OperatingSystem.IsLinux();

    /// <summary>Asks the kernel to reclaim the executable's read-only pages.</summary>
    /// <returns>The bytes of mapping advised (0 when unsupported).</returns>
    public static long Release()
    {
        if (s_unsupported || Environment.ProcessPath is not { } executable)
        {
            return 0;
        }

        long advised = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                if (ReadOnlyMappingOf(line, executable) is not (var start, var end))
                {
                    continue;
                }

                if (LibC.Madvise((nint)start, (nuint)(end - start), LibC.AdvicePageOut) != 0)
                {
                    s_unsupported = true; // EINVAL before Linux 5.4: do not try again
                    return advised;
                }

                advised += end - start;
            }
        }
        catch (IOException)
        {
            return advised; // no /proc: nothing to release
        }

        return advised;
    }

    /// <summary>The address range of a /proc/self/maps line when it maps <paramref name="executable"/> without write access.</summary>
    internal static (long Start, long End)? ReadOnlyMappingOf(string line, string executable)
    {
        // 55b5f897d000-55b5f9418000 r-xp 00020000 fe:00 11690131    /usr/local/bin/od-daemon
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || fields[1].Length < 4 || fields[1][1] == 'w')
        {
            return null;
        }

        var path = fields[5].Trim();
        if (!path.Equals(executable, StringComparison.Ordinal) && !path.Equals(executable + " (deleted)", StringComparison.Ordinal))
        {
            return null;
        }

        var range = fields[0].Split('-');
        return range.Length == 2
            && long.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            ? (start, end)
            : null;
    }
}
