using System.Buffers;
using System.Buffers.Text;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// The timestamp prefix of the text format (<c>logs.timestampFormat</c>): none, <c>iso</c> (UTC),
/// <c>unix</c> (milliseconds since the epoch) or a <see cref="MomentPattern"/> in the daemon's local
/// time, as PM2's <c>log_date_format</c>. Written with what separates it from the line: a space after
/// <c>iso</c> and <c>unix</c>, and PM2's <c>": "</c> after a pattern, so that a file written for a PM2
/// config reads exactly as PM2 wrote it (<c>2026-11-23T15:42:18: listening</c>).
/// </summary>
internal sealed class TextTimestamp
{
    private readonly Kind _kind;
    private readonly MomentPattern? _pattern;

    private TextTimestamp(Kind kind, MomentPattern? pattern = null)
    {
        _kind = kind;
        _pattern = pattern;
    }

    private enum Kind
    {
        None,
        Iso,
        Unix,
        Pattern,
    }

    public static TextTimestamp Parse(string? format) => format switch
    {
        null or "" => new TextTimestamp(Kind.None),
        "iso" => new TextTimestamp(Kind.Iso),
        "unix" => new TextTimestamp(Kind.Unix),
        _ => new TextTimestamp(Kind.Pattern, MomentPattern.Parse(format)),
    };

    public void Write(DateTimeOffset now, TimeZoneInfo localZone, IBufferWriter<byte> output)
    {
        switch (_kind)
        {
            case Kind.None:
                return;
            case Kind.Iso:
                IsoTimestamp.Format(now, output.GetSpan(IsoTimestamp.Length));
                output.Advance(IsoTimestamp.Length);
                break;
            case Kind.Unix:
                Utf8Formatter.TryFormat(now.ToUnixTimeMilliseconds(), output.GetSpan(20), out var written);
                output.Advance(written);
                break;
            default:
                _pattern!.Format(now, localZone, output);
                output.Write(": "u8);
                return;
        }

        output.Write(" "u8);
    }
}
