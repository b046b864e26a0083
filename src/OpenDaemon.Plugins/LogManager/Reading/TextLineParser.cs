using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// Reads one line of a text log file: <c>[prefix ]&lt;line&gt;</c>, where the prefix is an ISO 8601 timestamp
/// or unix milliseconds (13 digits), or PM2's <c>time: true</c> prefix <c>2026-11-23T15:30:00: </c> (local
/// time). Another custom pattern cannot be parsed in general: such a line keeps its prefix in the message
/// and has no timestamp. The stream and level are the file's; invalid UTF-8 becomes U+FFFD.
/// </summary>
internal static class TextLineParser
{
    // "2026-11-23T15:30:00Z" is the shortest ISO prefix; seven fraction digits and an offset the longest.
    private const int MinIsoLength = 20;
    private const int MaxIsoLength = 35;
    private const int UnixMillisecondsLength = 13;
    private const int Pm2TimeLength = 19;

    public static LogEntry Parse(ReadOnlySpan<byte> line, LogSource source)
    {
        var space = line[..Math.Min(line.Length, MaxIsoLength + 1)].IndexOf((byte)' ');
        if (space > 0 && ParseTimestamp(line[..space]) is { } timestamp)
        {
            return Entry(source, timestamp, line[(space + 1)..]);
        }

        if (space == Pm2TimeLength + 1 && line[Pm2TimeLength] == ':' && ParsePm2Time(line[..Pm2TimeLength]) is { } local)
        {
            return Entry(source, local, line[(space + 1)..]);
        }

        return Raw(line, source);
    }

    // PM2's 'YYYY-MM-DDTHH:mm:ss' (Common.js, for time: true) in the writer's local time.
    private static DateTimeOffset? ParsePm2Time(ReadOnlySpan<byte> prefix)
    {
        if (prefix[4] != '-' || prefix[7] != '-' || prefix[10] != 'T' || prefix[13] != ':' || prefix[16] != ':' || !Ascii.IsValid(prefix))
        {
            return null;
        }

        Span<char> chars = stackalloc char[prefix.Length];
        Ascii.ToUtf16(prefix, chars, out _);
        return DateTime.TryParseExact(chars, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at)
            ? new DateTimeOffset(at).ToUniversalTime()
            : null;
    }

    /// <summary>The line as it is, without a timestamp.</summary>
    public static LogEntry Raw(ReadOnlySpan<byte> line, LogSource source) => Entry(source, null, line);

    private static LogEntry Entry(LogSource source, DateTimeOffset? timestamp, ReadOnlySpan<byte> message)
    {
        var stream = source.DefaultStreams;
        return new LogEntry
        {
            Timestamp = timestamp,
            Level = LogStreamNames.DefaultLevel(stream),
            ProcessName = source.ProcessName,
            InstanceId = source.Instance,
            Message = Encoding.UTF8.GetString(message),
            Source = stream == LogStreams.Stderr ? LogStreamNames.Stderr : LogStreamNames.Stdout,
        };
    }

    private static DateTimeOffset? ParseTimestamp(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length == UnixMillisecondsLength)
        {
            return Utf8Parser.TryParse(prefix, out long milliseconds, out var consumed) && consumed == prefix.Length && milliseconds >= 0
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;
        }

        // The shape first (yyyy-MM-ddTHH:mm), so that a line that merely starts with a number stays whole.
        if (prefix.Length is < MinIsoLength or > MaxIsoLength || prefix[4] != '-' || prefix[7] != '-' || prefix[10] != 'T' || prefix[13] != ':' || !Ascii.IsValid(prefix))
        {
            return null;
        }

        Span<char> chars = stackalloc char[prefix.Length];
        Ascii.ToUtf16(prefix, chars, out _);
        return DateTimeOffset.TryParse(chars, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
    }
}
