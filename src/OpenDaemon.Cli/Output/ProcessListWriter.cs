using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// Prints a <see cref="ProcessList"/> answer the same way for every command that gets one:
/// the list itself with <c>--json</c>, otherwise the process table followed by the daemon's notes.
/// </summary>
internal static class ProcessListWriter
{
    public static void Write(CliOutput output, ProcessList list, string emptyText = ProcessTable.EmptyText)
    {
        output.JsonResult(list, ContractsJsonContext.Default.ProcessList);
        if (output.Json)
        {
            return;
        }

        output.Line(list.Processes.Count == 0 ? emptyText : ProcessTable.Render(list.Processes, output, DateTimeOffset.UtcNow));
        WriteNotes(output, list.Notes);
        foreach (var warning in list.Warnings ?? [])
        {
            // Same form as od validate and od daemon reload.
            output.Line(output.Yellow($"warning: {warning}"));
        }
    }

    /// <summary>The daemon's notes are part of the answer ("api: takes effect at the next restart"): stdout.</summary>
    public static void WriteNotes(CliOutput output, IReadOnlyList<string>? notes)
    {
        foreach (var note in notes ?? [])
        {
            output.Line(note);
        }
    }
}
