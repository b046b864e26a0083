using System.Globalization;
using System.IO.Enumeration;

namespace OpenDaemon.Hosting.Processes;

/// <summary>Lists the process ids in /proc without allocating a string per entry.</summary>
internal static class ProcFs
{
    private static readonly EnumerationOptions Options = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
    };

    /// <summary>Every numeric directory of /proc: processes (thread groups), not threads.</summary>
    public static IEnumerable<int> ProcessIds() =>
        new FileSystemEnumerable<int>("/proc", static (ref FileSystemEntry entry) => ParsePid(entry.FileName), Options)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => entry.IsDirectory && ParsePid(entry.FileName) > 0,
        };

    private static int ParsePid(ReadOnlySpan<char> name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : 0;
}
