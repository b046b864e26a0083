using System.Text;

namespace OpenDaemon.Cli.Monit.Terminal;

/// <summary>
/// Puts frames on the terminal, rewriting only the lines that changed since the last frame (a 1 s tick that
/// only moves an uptime writes one line), and everything after a resize. Each frame is one write.
/// </summary>
internal sealed class ScreenWriter(RawTerminal terminal)
{
    private IReadOnlyList<string> _previous = [];
    private (int Width, int Height) _size;

    public void Draw(IReadOnlyList<string> lines, int width, int height)
    {
        var resized = (width, height) != _size;
        var frame = new StringBuilder(resized ? lines.Sum(line => line.Length + 8) + 8 : 256);
        if (resized)
        {
            frame.Append("\u001b[0m\u001b[2J");
        }

        for (var row = 0; row < lines.Count; row++)
        {
            if (resized || row >= _previous.Count || !string.Equals(lines[row], _previous[row], StringComparison.Ordinal))
            {
                frame.Append("\u001b[").Append(row + 1).Append(";1H").Append(lines[row]).Append("\u001b[0m");
            }
        }

        if (frame.Length > 0)
        {
            terminal.Write(frame.ToString());
        }

        _previous = lines;
        _size = (width, height);
    }
}
