using System.Buffers.Text;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>
/// The fields of /proc/&lt;pid&gt;/stat this layer uses. State is R, S, D, Z (zombie), T, ...; ticks are
/// in clock ticks; ResidentPages counts pages of <see cref="Environment.SystemPageSize"/> bytes. StartTicks
/// (field 22, clock ticks after boot) names one process for good: a reused pid has a different start time.
/// Threads is field 20 (num_threads).
/// </summary>
internal readonly record struct ProcStat(int Pid, char State, int ParentPid, int SessionId, long UserTicks, long SystemTicks, long ResidentPages, long StartTicks = 0, int Threads = 0)
{
    /// <summary>Enough for any stat line: the only variable part, comm, is at most 64 bytes.</summary>
    public const int BufferSize = 1024;

    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>Reads and parses /proc/<paramref name="pid"/>/stat; false when the process is gone (or was never there).</summary>
    public static bool TryRead(int pid, Span<byte> buffer, out ProcStat stat)
    {
        Span<byte> path = stackalloc byte[32];
        "/proc/"u8.CopyTo(path);
        pid.TryFormat(path[6..], out int digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        int length = 6 + digits;
        "/stat\0"u8.CopyTo(path[length..]);

        int count = LibC.ReadSmallFile(path, buffer);
        if (count <= 0)
        {
            stat = default;
            return false;
        }

        return TryParse(buffer[..count], out stat);
    }

    /// <summary>Parses one stat line. comm (field 2) may hold spaces and parentheses, so fields are counted after the LAST ')'.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out ProcStat stat)
    {
        stat = default;
        int commEnd = line.LastIndexOf((byte)')');
        if (commEnd < 0 || !Utf8Parser.TryParse(line, out int pid, out _))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = line[(commEnd + 1)..];
        char state = '?';
        int parent = 0, session = 0, threads = 0;
        long user = 0, system = 0, resident = 0, start = 0;
        int field = 2;
        foreach (Range range in rest.Split((byte)' '))
        {
            ReadOnlySpan<byte> token = rest[range];
            if (token.IsEmpty)
            {
                continue; // the separator right after ')'
            }

            field++;
            bool ok = true;
            switch (field)
            {
                case 3: state = (char)token[0]; break;
                case 4: ok = Utf8Parser.TryParse(token, out parent, out _); break;
                case 6: ok = Utf8Parser.TryParse(token, out session, out _); break;
                case 14: ok = Utf8Parser.TryParse(token, out user, out _); break;
                case 15: ok = Utf8Parser.TryParse(token, out system, out _); break;
                case 20: ok = Utf8Parser.TryParse(token, out threads, out _); break;
                case 22: ok = Utf8Parser.TryParse(token, out start, out _); break;
                case 24: ok = Utf8Parser.TryParse(token, out resident, out _); break;
            }

            if (!ok)
            {
                return false;
            }

            if (field == 24)
            {
                stat = new ProcStat(pid, state, parent, session, user, system, resident, start, threads);
                return true;
            }
        }

        return false;
    }
}
