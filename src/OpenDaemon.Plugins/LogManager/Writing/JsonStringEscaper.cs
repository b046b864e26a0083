using System.Buffers;
using System.Text;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Writes bytes an app printed as the content of a JSON string. Entries must always be valid JSON,
/// so <c>"</c>, <c>\</c> and control characters are escaped, and bytes that are not valid UTF-8 become
/// U+FFFD (the text format keeps the raw bytes; the JSON format cannot).
/// </summary>
internal static class JsonStringEscaper
{
    // Printable ASCII except the quote and the backslash: the common case, copied as is.
    private static readonly SearchValues<byte> Plain = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b).Where(b => b is not ((byte)'"' or (byte)'\\'))]);

    private static ReadOnlySpan<byte> Replacement => [0xEF, 0xBF, 0xBD];

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>The length of the prefix that needs no escaping (the whole span in the common case).</summary>
    public static int PlainPrefixLength(ReadOnlySpan<byte> text)
    {
        var index = text.IndexOfAnyExcept(Plain);
        return index < 0 ? text.Length : index;
    }

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            var plain = PlainPrefixLength(text);
            if (plain > 0)
            {
                output.Write(text[..plain]);
                text = text[plain..];
                if (text.IsEmpty)
                {
                    return;
                }
            }

            text = text[WriteOne(output, text)..];
        }
    }

    // Writes the escaped form of the character at the start of text; returns how many bytes it took.
    private static int WriteOne(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        var first = text[0];
        if (first < 0x80)
        {
            var span = output.GetSpan(6);
            span[0] = (byte)'\\';
            var length = 2;
            switch (first)
            {
                case (byte)'"': span[1] = (byte)'"'; break;
                case (byte)'\\': span[1] = (byte)'\\'; break;
                case (byte)'\n': span[1] = (byte)'n'; break;
                case (byte)'\r': span[1] = (byte)'r'; break;
                case (byte)'\t': span[1] = (byte)'t'; break;
                case (byte)'\b': span[1] = (byte)'b'; break;
                case (byte)'\f': span[1] = (byte)'f'; break;
                default:
                    // Other control characters and DEL.
                    "u00"u8.CopyTo(span[1..]);
                    span[4] = Hex[first >> 4];
                    span[5] = Hex[first & 0xF];
                    length = 6;
                    break;
            }

            output.Advance(length);
            return 1;
        }

        // Non-ASCII: copy the run of valid UTF-8 sequences in one go; replace each maximal invalid
        // subsequence (as Rune.DecodeFromUtf8 delimits it) with U+FFFD.
        var valid = 0;
        while (valid < text.Length && text[valid] >= 0x80)
        {
            if (Rune.DecodeFromUtf8(text[valid..], out _, out var consumed) != OperationStatus.Done)
            {
                if (valid == 0)
                {
                    output.Write(Replacement);
                    return consumed;
                }

                break;
            }

            valid += consumed;
        }

        output.Write(text[..valid]);
        return valid;
    }
}
