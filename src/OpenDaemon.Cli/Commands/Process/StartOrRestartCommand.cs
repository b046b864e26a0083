using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// PM2's <c>startOrRestart &lt;file&gt;</c> and <c>startOrReload &lt;file&gt;</c>: start a configuration
/// file's apps, restarting those that already run. <c>od start FILE</c> does the same; these names exist
/// so that PM2 scripts and deploy hooks run unchanged. Zero-downtime reload does not exist yet (it comes
/// with cluster mode), so startOrReload restarts and says so.
/// </summary>
internal static class StartOrRestartCommand
{
    public const string ReloadNote = "reload (zero-downtime) is not available yet: the running apps were restarted instead";

    public static Command Create(GlobalOptions globals, string verb, bool reload)
    {
        var arguments = new StartArguments();
        var command = new Command(verb, reload
            ? "Start a configuration file's apps; those running are restarted (PM2's startOrReload; reload is a restart for now)"
            : "Start a configuration file's apps; those running are restarted (PM2's startOrRestart, same as od start FILE)");
        arguments.AddTo(command);
        CommandActions.Set(command, globals, async context =>
        {
            var parameters = arguments.Read(context.Parse, System.Environment.CurrentDirectory);
            StartCommand.RefusePm2Dump(parameters.Target);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var started = await client.StartAsync(parameters, context.Cancellation).ConfigureAwait(false);
            if (reload && !context.Output.Json)
            {
                context.Output.Note(ReloadNote);
            }

            ProcessListWriter.Write(context.Output, started, "nothing was started");
            return CliOutput.Success;
        });
        return command;
    }
}
