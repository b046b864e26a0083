using System.Text;

namespace OpenDaemon.Cli.Monit.Input;

/// <summary>
/// Turns the bytes a terminal in raw mode sends into keys: UTF-8 characters, control keys, the cursor and
/// paging sequences (CSI <c>ESC [</c> and SS3 <c>ESC O</c> forms, both of which terminals send) and SGR
/// mouse reports (<c>ESC [ &lt; b ; x ; y M</c>). Unknown sequences are skipped whole, never typed.
/// </summary>
internal static class KeyParser
{
    private const byte Escape = 0x1b;

    public static List<TerminalKey> Parse(ReadOnlySpan<byte> input)
    {
        var keys = new List<TerminalKey>();
        var index = 0;
        while (index < input.Length)
        {
            var value = input[index];
            if (value == Escape)
            {
                index += ParseEscape(input[index..], keys);
                continue;
            }

            index++;
            switch (value)
            {
                case (byte)'\r' or (byte)'\n':
                    keys.Add(new TerminalKey(KeyKind.Enter));
                    break;
                case 0x7f or 0x08:
                    keys.Add(new TerminalKey(KeyKind.Backspace));
                    break;
                case 0x03:
                    keys.Add(new TerminalKey(KeyKind.CtrlC));
                    break;
                case (byte)'\t':
                    keys.Add(new TerminalKey(KeyKind.Tab));
                    break;
                case < 0x20:
                    break; // other control bytes mean nothing here
                case < 0x80:
                    keys.Add(TerminalKey.Of((char)value));
                    break;
                default:
                    index += ParseUtf8(input[(index - 1)..], keys) - 1;
                    break;
            }
        }

        return keys;
    }

    // Returns how many bytes the sequence at the start of input used.
    private static int ParseEscape(ReadOnlySpan<byte> input, List<TerminalKey> keys)
    {
        if (input.Length == 1 || (input[1] != (byte)'[' && input[1] != (byte)'O'))
        {
            keys.Add(new TerminalKey(KeyKind.Escape));
            return 1;
        }

        if (input[1] == (byte)'O')
        {
            if (input.Length < 3)
            {
                keys.Add(new TerminalKey(KeyKind.Escape));
                return 2;
            }

            AddFinal(input[2], string.Empty, keys);
            return 3;
        }

        // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
        var end = 2;
        while (end < input.Length && input[end] is < 0x40 or > 0x7e)
        {
            end++;
        }

        if (end == input.Length)
        {
            return input.Length; // cut off: drop it rather than type its bytes
        }

        var parameters = Encoding.ASCII.GetString(input[2..end]);
        if (parameters.StartsWith('<'))
        {
            AddMouse(parameters[1..], input[end] == (byte)'M', keys);
        }
        else
        {
            AddFinal(input[end], parameters, keys);
        }

        return end + 1;
    }

    private static void AddFinal(byte final, string parameters, List<TerminalKey> keys)
    {
        KeyKind? kind = (char)final switch
        {
            'A' => KeyKind.Up,
            'B' => KeyKind.Down,
            'C' => KeyKind.Right,
            'D' => KeyKind.Left,
            'H' => KeyKind.Home,
            'F' => KeyKind.End,
            '~' => parameters switch
            {
                "5" => KeyKind.PageUp,
                "6" => KeyKind.PageDown,
                "1" or "7" => KeyKind.Home,
                "4" or "8" => KeyKind.End,
                _ => null,
            },
            _ => null,
        };
        if (kind is { } known)
        {
            keys.Add(new TerminalKey(known));
        }
    }

    private static void AddMouse(string parameters, bool press, List<TerminalKey> keys)
    {
        var parts = parameters.Split(';');
        if (!press || parts.Length != 3
            || !int.TryParse(parts[0], out var button) || !int.TryParse(parts[1], out var column) || !int.TryParse(parts[2], out var row))
        {
            return; // releases and drags say nothing new
        }

        var kind = button switch
        {
            0 => KeyKind.MouseClick,
            64 => KeyKind.WheelUp,
            65 => KeyKind.WheelDown,
            _ => (KeyKind?)null,
        };
        if (kind is { } known)
        {
            keys.Add(new TerminalKey(known, Column: column, Row: row));
        }
    }

    private static int ParseUtf8(ReadOnlySpan<byte> input, List<TerminalKey> keys)
    {
        var length = input[0] switch { >= 0xf0 => 4, >= 0xe0 => 3, >= 0xc0 => 2, _ => 1 };
        length = Math.Min(length, input.Length);
        foreach (var character in Encoding.UTF8.GetString(input[..length]))
        {
            if (!char.IsControl(character) && character != '\uFFFD')
            {
                keys.Add(TerminalKey.Of(character));
            }
        }

        return length;
    }
}
