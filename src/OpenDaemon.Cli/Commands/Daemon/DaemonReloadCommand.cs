using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon reload</c>: re-read the daemon's configuration file and report what changed.</summary>
internal static class DaemonReloadCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("reload", "Re-read the daemon's configuration file and apply what changed");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await OdClient.ConnectAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            var result = await client.ReloadAsync(context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(result, ContractsJsonContext.Default.ConfigReloadResult);
            output.Line($"{output.Green("reloaded")} {result.File}");
            output.Line($"  added     {List(result.Added)}");
            output.Line($"  removed   {List(result.Removed)}");
            output.Line($"  changed   {List(result.Changed)}");
            output.Line($"  unchanged {List(result.Unchanged)}");
            foreach (var warning in result.Warnings)
            {
                output.Line(output.Yellow($"warning: {warning}"));
            }

            return CliOutput.Success;
        });
        return command;
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "-" : string.Join(", ", names);
}
