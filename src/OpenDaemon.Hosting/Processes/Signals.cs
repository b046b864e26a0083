using System.ComponentModel;
using System.Globalization;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>Signal names and numbers (Linux x86_64/arm64 numbering) and signals to whole process groups.</summary>
public static class Signals
{
    private const int RealTimeMin = 34; // glibc's SIGRTMIN (32 and 33 are its own)
    private const int RealTimeMax = 64;

    // Index = signal number.
    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    private static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SIGIOT"] = 6,
        ["SIGCLD"] = 17,
        ["SIGPOLL"] = 29,
    };

    /// <summary>"SIGTERM", "TERM", "sigterm" or "15" → 15. Real-time signals: "SIGRTMIN+2", "RTMAX-1".</summary>
    /// <exception cref="ArgumentException">Not a known signal.</exception>
    public static int Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number is > 0 and <= RealTimeMax)
        {
            return number;
        }

        string full = trimmed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? trimmed : "SIG" + trimmed;
        int index = Array.FindIndex(Names, 1, candidate => candidate.Equals(full, StringComparison.OrdinalIgnoreCase));
        if (index > 0)
        {
            return index;
        }

        if (Aliases.TryGetValue(full, out int alias))
        {
            return alias;
        }

        return TryParseRealTime(full, out int realTime)
            ? realTime
            : throw new ArgumentException($"unknown signal '{name}' (expected a name like SIGTERM or TERM, or a number from 1 to 64)", nameof(name));
    }

    /// <summary>15 → "SIGTERM"; 36 → "SIGRTMIN+2"; a number outside 1..64 → the number itself.</summary>
    public static string Name(int signal) => signal switch
    {
        > 0 and < 32 => Names[signal],
        RealTimeMin => "SIGRTMIN",
        > RealTimeMin and <= RealTimeMax => string.Create(CultureInfo.InvariantCulture, $"SIGRTMIN+{signal - RealTimeMin}"),
        _ => signal.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// kill(-<paramref name="processGroupId"/>, <paramref name="signal"/>): signals every process of the group.
    /// Returns false when the group no longer exists (ESRCH).
    /// </summary>
    /// <remarks>
    /// A group id is free for reuse only once every member is reaped, so between a stop and a SIGKILL the
    /// id cannot name someone else's group while any member, zombies included, remains.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The id is 0 or 1, or is the daemon's own group: kill(0) and kill(-1) would hit the daemon itself
    /// or every process on the machine.
    /// </exception>
    /// <exception cref="Win32Exception">The kernel refused for another reason (EPERM).</exception>
    public static bool SendToGroup(int processGroupId, int signal)
    {
        ThrowIfUnsafeGroup(processGroupId);
        int errno = LibC.Kill(-processGroupId, signal);
        return errno switch
        {
            0 => true,
            Errno.NoSuchProcess => false,
            _ => throw new Win32Exception(errno, $"cannot send {Name(signal)} to process group {processGroupId}: {Errno.Message(errno)}"),
        };
    }

    /// <summary>
    /// kill(<paramref name="processId"/>, <paramref name="signal"/>): one process only (PM2's <c>sendSignal</c>).
    /// Returns false when it no longer exists (ESRCH).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is 1 or less, or the daemon itself.</exception>
    /// <exception cref="Win32Exception">The kernel refused for another reason (EPERM).</exception>
    public static bool SendToProcess(int processId, int signal)
    {
        if (processId <= 1 || processId == Environment.ProcessId)
        {
            throw new ArgumentOutOfRangeException(nameof(processId), processId, "not an app's process (0, 1 and the daemon itself are refused)");
        }

        int errno = LibC.Kill(processId, signal);
        return errno switch
        {
            0 => true,
            Errno.NoSuchProcess => false,
            _ => throw new Win32Exception(errno, $"cannot send {Name(signal)} to process {processId}: {Errno.Message(errno)}"),
        };
    }

    /// <summary>
    /// kill(-pgid, 0) succeeds (or fails with EPERM: the group exists, it is just not ours to signal).
    /// </summary>
    /// <remarks>
    /// Zombies count: a process stays in its group until it is reaped, so a group whose members all
    /// exited but were not reaped still "exists". The reaper reaps our children at once, and
    /// <see cref="ChildReaper.EnableSubreaper"/> makes orphaned members ours to reap too; without it such
    /// a group exists for as long as pid 1 leaves its zombies alone.
    /// </remarks>
    public static bool GroupExists(int processGroupId)
    {
        ThrowIfUnsafeGroup(processGroupId);
        int errno = LibC.Kill(-processGroupId, 0);
        return errno is 0 or Errno.NotPermitted;
    }

    private static void ThrowIfUnsafeGroup(int processGroupId)
    {
        if (processGroupId <= 1 || processGroupId == LibC.GetProcessGroup())
        {
            throw new ArgumentOutOfRangeException(nameof(processGroupId), processGroupId, "not an app's process group (0, 1 and the daemon's own group are refused)");
        }
    }

    private static bool TryParseRealTime(string full, out int signal)
    {
        signal = 0;
        foreach ((string prefix, int baseNumber, int direction) in new[] { ("SIGRTMIN", RealTimeMin, 1), ("SIGRTMAX", RealTimeMax, -1) })
        {
            if (!full.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string offsetText = full[prefix.Length..];
            int offset = 0;
            if (offsetText.Length > 0
                && (offsetText[0] != (direction > 0 ? '+' : '-')
                    || !int.TryParse(offsetText.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
            {
                return false;
            }

            signal = baseNumber + (direction * offset);
            return signal is >= RealTimeMin and <= RealTimeMax;
        }

        return false;
    }
}
