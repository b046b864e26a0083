using System.Globalization;
using System.Text;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// The process table of <c>od ls</c>, also printed by start, stop, restart, delete and resurrect:
/// id, name, mode, pid, status, health, ↺ (restarts), uptime, cpu, mem, user.
/// </summary>
/// <remarks>
/// Built for a thousand rows: every cell is formatted once as plain text and measured by its
/// length (colour is added while writing, so no escape codes are ever scanned), and the whole
/// table is one string written at once instead of a write per line.
/// </remarks>
internal static class ProcessTable
{
    public const string EmptyText = "no processes; start one with: od start app.js";

    private const int StatusColumn = 4;
    private const int HealthColumn = 5;
    private const string Missing = "-";
    private const string Gap = "  ";
    private static readonly string[] Headers = ["id", "name", "mode", "pid", "status", "health", "↺", "uptime", "cpu", "mem", "user"];

    public static string Render(IReadOnlyList<ProcessSummary> processes, CliOutput output, DateTimeOffset now)
    {
        var columns = Headers.Length;
        var cells = new string[processes.Count * columns];
        var hints = new string?[processes.Count];
        var widths = new int[columns];
        for (var column = 0; column < columns; column++)
        {
            widths[column] = Headers[column].Length;
        }

        for (var row = 0; row < processes.Count; row++)
        {
            var first = row * columns;
            FillRow(processes[row], cells.AsSpan(first, columns));
            hints[row] = processes[row].Activity ?? ProcessStatusText.RestartHint(processes[row], now);
            for (var column = 0; column < columns; column++)
            {
                widths[column] = Math.Max(widths[column], VisibleLength(cells[first + column], column == StatusColumn ? hints[row] : null));
            }
        }

        var builder = new StringBuilder((widths.Sum() + (Gap.Length * columns)) * (processes.Count + 1));
        for (var column = 0; column < columns; column++)
        {
            AppendCell(builder, output.Bold(Headers[column]), Headers[column].Length, widths, column);
        }

        for (var row = 0; row < processes.Count; row++)
        {
            builder.Append(Environment.NewLine);
            var first = row * columns;
            for (var column = 0; column < columns; column++)
            {
                var plain = cells[first + column];
                if (column == StatusColumn)
                {
                    var hint = hints[row];
                    var painted = ProcessStatusText.Paint(output, processes[row].Status, plain);
                    AppendCell(builder, hint is null ? painted : $"{painted} {output.Dim(hint)}", VisibleLength(plain, hint), widths, column);
                }
                else if (column == HealthColumn)
                {
                    AppendCell(builder, HealthText.Paint(output, processes[row].Health, plain), plain.Length, widths, column);
                }
                else
                {
                    AppendCell(builder, plain, plain.Length, widths, column);
                }
            }
        }

        return builder.ToString();
    }

    private static void FillRow(ProcessSummary process, Span<string> row)
    {
        row[0] = process.Id.ToString(CultureInfo.InvariantCulture);
        row[1] = process.Name;
        row[2] = process.Mode;
        row[3] = process.Pid?.ToString(CultureInfo.InvariantCulture) ?? Missing;
        row[StatusColumn] = ProcessStatusText.Name(process.Status);
        row[HealthColumn] = HealthText.Name(process.Health);
        row[6] = process.Restarts.ToString(CultureInfo.InvariantCulture);
        row[7] = process.UptimeMs is { } uptime ? HumanFormat.Uptime(TimeSpan.FromMilliseconds(uptime)) : Missing;
        row[8] = process.CpuPercent is { } cpu ? HumanFormat.Percent(cpu) : Missing;
        row[9] = process.MemoryBytes is { } memory ? HumanFormat.Bytes(memory) : Missing;
        row[10] = string.IsNullOrEmpty(process.User) ? Missing : process.User;
    }

    private static int VisibleLength(string plain, string? hint) => hint is null ? plain.Length : plain.Length + 1 + hint.Length;

    private static void AppendCell(StringBuilder builder, string text, int visibleLength, int[] widths, int column)
    {
        builder.Append(text);
        if (column < widths.Length - 1)
        {
            // The last column is not padded: no trailing blanks.
            builder.Append(' ', widths[column] - visibleLength).Append(Gap);
        }
    }
}
