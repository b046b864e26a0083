using System.Buffers;
using System.Text;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// A moment.js-style date pattern as PM2's <c>log_date_format</c> takes it: <c>YYYY</c>, <c>YY</c>,
/// <c>MM</c>, <c>DD</c>, <c>HH</c>, <c>mm</c>, <c>ss</c>, <c>SSS</c>, <c>Z</c> (<c>+01:00</c>),
/// <c>ZZ</c> (<c>+0100</c>) and <c>[literal text]</c>; every other character is kept as written, so a
/// token we do not know shows up literally instead of failing the app's start.
/// </summary>
internal sealed class MomentPattern
{
    private static readonly (string Token, Part Part)[] Tokens =
    [
        ("YYYY", Part.Year), ("SSS", Part.Millisecond), ("YY", Part.ShortYear), ("MM", Part.Month), ("DD", Part.Day),
        ("HH", Part.Hour), ("mm", Part.Minute), ("ss", Part.Second), ("ZZ", Part.CompactOffset), ("Z", Part.Offset),
    ];

    private readonly (Part Part, byte[]? Literal)[] _parts;

    private MomentPattern((Part, byte[]?)[] parts) => _parts = parts;

    private enum Part
    {
        Literal,
        Year,
        ShortYear,
        Month,
        Day,
        Hour,
        Minute,
        Second,
        Millisecond,
        Offset,
        CompactOffset,
    }

    public static MomentPattern Parse(string pattern)
    {
        var parts = new List<(Part, byte[]?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < pattern.Length;)
        {
            if (pattern[i] == '[' && pattern.IndexOf(']', i + 1) is var close and > 0)
            {
                literal.Append(pattern, i + 1, close - i - 1);
                i = close + 1;
                continue;
            }

            var match = Array.FindIndex(Tokens, token => string.CompareOrdinal(pattern, i, token.Token, 0, token.Token.Length) == 0);
            if (match < 0)
            {
                literal.Append(pattern[i++]);
                continue;
            }

            FlushLiteral();
            parts.Add((Tokens[match].Part, null));
            i += Tokens[match].Token.Length;
        }

        FlushLiteral();
        return new MomentPattern([.. parts]);

        void FlushLiteral()
        {
            if (literal.Length > 0)
            {
                parts.Add((Part.Literal, Encoding.UTF8.GetBytes(literal.ToString())));
                literal.Clear();
            }
        }
    }

    /// <summary>Writes <paramref name="at"/> as seen in <paramref name="zone"/>.</summary>
    public void Format(DateTimeOffset at, TimeZoneInfo zone, IBufferWriter<byte> output)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        foreach (var (part, literal) in _parts)
        {
            if (literal is not null)
            {
                output.Write(literal);
                continue;
            }

            var span = output.GetSpan(6);
            output.Advance(part switch
            {
                Part.Year => Write(span, local.Year, 4),
                Part.ShortYear => Write(span, local.Year % 100, 2),
                Part.Month => Write(span, local.Month, 2),
                Part.Day => Write(span, local.Day, 2),
                Part.Hour => Write(span, local.Hour, 2),
                Part.Minute => Write(span, local.Minute, 2),
                Part.Second => Write(span, local.Second, 2),
                Part.Millisecond => Write(span, local.Millisecond, 3),
                Part.Offset => WriteOffset(span, local.Offset, colon: true),
                _ => WriteOffset(span, local.Offset, colon: false),
            });
        }
    }

    private static int Write(Span<byte> span, int value, int width)
    {
        Digits.Write(span, value, width);
        return width;
    }

    private static int WriteOffset(Span<byte> span, TimeSpan offset, bool colon)
    {
        span[0] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        var minutes = (int)Math.Abs(offset.TotalMinutes);
        Digits.Write(span[1..], minutes / 60, 2);
        if (colon)
        {
            span[3] = (byte)':';
        }

        var at = colon ? 4 : 3;
        Digits.Write(span[at..], minutes % 60, 2);
        return at + 2;
    }
}
