using System.Text;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>
/// One screen line being built: text cut at the line's width, coloured with SGR codes only when colour is on.
/// It counts visible columns itself, so padding and cutting never count escape codes (and a line without
/// colour contains none at all, for NO_COLOR and for tests).
/// </summary>
/// <param name="width">Columns available.</param>
/// <param name="color">Whether to emit SGR escape sequences.</param>
internal sealed class ScreenLine(int width, bool color)
{
    private const char Escape = '\u001b';
    private readonly StringBuilder _text = new(width + 16);

    public int Width { get; } = width;

    /// <summary>Visible columns written so far.</summary>
    public int Used { get; private set; }

    public int Left => Width - Used;

    /// <summary>An SGR code under every later segment, e.g. reverse video ("7") for the selected row.</summary>
    public string? Base { get; set; }

    public ScreenLine Append(string text, string? sgr = null)
    {
        if (Left <= 0 || text.Length == 0)
        {
            return this;
        }

        var part = text.Length > Left ? text[..Left] : text;
        var code = Combine(Base, sgr);
        if (color && code is not null)
        {
            _text.Append(Escape).Append('[').Append(code).Append('m').Append(part).Append(Escape).Append("[0m");
        }
        else
        {
            _text.Append(part);
        }

        Used += part.Length;
        return this;
    }

    /// <summary>A table cell: <paramref name="text"/> cut (with …) or padded to <paramref name="cellWidth"/>, then a gap.</summary>
    public ScreenLine Cell(string text, int cellWidth, string? sgr = null, bool alignRight = false, int gap = 1)
    {
        if (cellWidth <= 0)
        {
            return this;
        }

        var fitted = text.Length > cellWidth ? (cellWidth == 1 ? text[..1] : text[..(cellWidth - 1)] + "…") : text;
        var padding = new string(' ', cellWidth - fitted.Length);
        if (alignRight)
        {
            Append(padding).Append(fitted, sgr);
        }
        else
        {
            Append(fitted, sgr).Append(padding);
        }

        return Append(new string(' ', gap));
    }

    /// <summary>Spaces up to column <paramref name="column"/> (or the end of the line).</summary>
    public ScreenLine PadTo(int column)
    {
        var target = Math.Min(column, Width);
        return target > Used ? Append(new string(' ', target - Used)) : this;
    }

    /// <summary>
    /// Text that is already painted (SGR sequences inside, as the CLI's shared views produce): escape codes are
    /// copied without counting (dropped when colour is off), visible characters counted and cut at the width.
    /// </summary>
    public ScreenLine AppendPainted(string text)
    {
        var inEscape = false;
        var cut = false;
        foreach (var character in text)
        {
            if (character == Escape)
            {
                inEscape = true;
            }

            if (inEscape)
            {
                if (color)
                {
                    _text.Append(character);
                }

                inEscape = character is not 'm' and not 'K';
                continue;
            }

            if (Left <= 0)
            {
                cut = true;
                break;
            }

            _text.Append(character);
            Used++;
        }

        if (cut && color)
        {
            _text.Append(Escape).Append("[0m");
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    private static string? Combine(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first};{second}";
}
