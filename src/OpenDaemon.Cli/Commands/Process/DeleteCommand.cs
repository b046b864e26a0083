using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od delete &lt;targets...&gt;</c> (alias <c>del</c>): stop and forget instances.</summary>
internal static class DeleteCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = TargetCommand.Create(globals, "delete", "Stop apps and remove them from the list", (client, targets, ct) => client.DeleteAsync(targets, ct), WriteDeleted);
        command.Aliases.Add("del");
        return command;
    }

    /// <summary>"deleted api (ids 0, 1)", one line per app, in the order of the answer.</summary>
    private static void WriteDeleted(CliOutput output, ProcessList deleted)
    {
        foreach (var app in deleted.Processes.GroupBy(process => process.Name, StringComparer.Ordinal))
        {
            var ids = string.Join(", ", app.Select(process => process.Id));
            output.Line($"{output.Green("deleted")} {app.Key} {output.Dim($"({(app.Count() == 1 ? "id" : "ids")} {ids})")}");
        }
    }
}
