namespace OpenDaemon.Cli.Output;

/// <summary>
/// A plain column-aligned table. Cells may carry ANSI colour codes: widths are measured on the
/// visible text so colour never breaks alignment.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells) => _rows.Add(cells);

    public IEnumerable<string> Render(CliOutput output)
    {
        var widths = headers.Select(VisibleLength).ToArray();
        foreach (var row in _rows)
        {
            for (var column = 0; column < widths.Length; column++)
            {
                widths[column] = Math.Max(widths[column], VisibleLength(row[column]));
            }
        }

        yield return string.Join("  ", headers.Select((header, column) => output.Bold(Pad(header, widths[column])))).TrimEnd();
        foreach (var row in _rows)
        {
            yield return string.Join("  ", row.Select((cell, column) => Pad(cell, widths[column]))).TrimEnd();
        }
    }

    private static string Pad(string cell, int width) => cell + new string(' ', Math.Max(0, width - VisibleLength(cell)));

    private static int VisibleLength(string text)
    {
        var length = 0;
        var inEscape = false;
        foreach (var character in text)
        {
            if (character == '\u001b')
            {
                inEscape = true;
            }
            else if (inEscape)
            {
                inEscape = character != 'm';
            }
            else
            {
                length++;
            }
        }

        return length;
    }
}
