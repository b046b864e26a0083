using System.Globalization;
using System.Text;
using OpenDaemon.Ipc.Hashing;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// Where a paged read continues: one <see cref="LogPosition"/> per source, so the next page starts exactly
/// after the last entry returned, without duplicates or gaps. On the wire it is an opaque string
/// (base64url of one line per source); sources are named by a hash of their file and instance, and
/// positions only ever select among the files of the sources the query names, so a forged cursor can
/// move a read, never widen it. A source the cursor does not know is read from its start.
/// </summary>
internal sealed class LogCursor
{
    private readonly Dictionary<string, LogPosition> _positions;

    public LogCursor(Dictionary<string, LogPosition> positions) => _positions = positions;

    /// <summary>The position of <paramref name="source"/>, or null to read it from its start.</summary>
    public LogPosition? For(LogSource source) => _positions.GetValueOrDefault(Key(source));

    public static string Key(LogSource source) =>
        Convert.ToHexString(Sha256.HashData(Encoding.UTF8.GetBytes($"{source.CurrentPath}\n{source.Instance}")), 0, 12);

    public string Encode()
    {
        var text = new StringBuilder();
        foreach (var (key, p) in _positions)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key} {Ticks(p.RotatedAt)} {p.Offset} {Ticks(p.NewestRotatedAt)} {p.Latest.UtcTicks} {(p.Done ? 1 : 0)}\n");
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text.ToString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor <see cref="Encode"/> wrote, or null when <paramref name="encoded"/> is not one.</summary>
    public static LogCursor? Parse(string encoded)
    {
        try
        {
            var base64 = encoded.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var positions = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
            foreach (var line in Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split(' ');
                if (f.Length != 6)
                {
                    return null;
                }

                var offset = long.Parse(f[2], CultureInfo.InvariantCulture);
                if (offset < 0)
                {
                    return null;
                }

                positions[f[0]] = new LogPosition(
                    Time(f[1]), offset, Time(f[3]), new DateTimeOffset(long.Parse(f[4], CultureInfo.InvariantCulture), TimeSpan.Zero), f[5] == "1");
            }

            return new LogCursor(positions);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static string Ticks(DateTimeOffset? at) => at is { } t ? t.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-";

    private static DateTimeOffset? Time(string ticks) =>
        ticks == "-" ? null : new DateTimeOffset(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero);
}
