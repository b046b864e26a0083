using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// PM2's <c>startOrRestart &lt;file&gt;</c> and <c>startOrReload &lt;file&gt;</c>: start a configuration
/// file's apps; those that already run are restarted, or with startOrReload reloaded (<c>od reload</c>:
/// zero downtime in cluster mode, a restart in fork mode). <c>od start FILE</c> is startOrRestart; these
/// names exist so that PM2 scripts and deploy hooks run unchanged.
/// </summary>
internal static class StartOrRestartCommand
{
    public static Command Create(GlobalOptions globals, string verb, bool reload)
    {
        var arguments = new StartArguments();
        var command = new Command(verb, reload
            ? "Start a configuration file's apps; those running are reloaded (PM2's startOrReload, see od reload)"
            : "Start a configuration file's apps; those running are restarted (PM2's startOrRestart, same as od start FILE)");
        arguments.AddTo(command);
        CommandActions.Set(command, globals, async context =>
        {
            var parameters = arguments.Read(context.Parse, System.Environment.CurrentDirectory) with { Reload = reload };
            StartCommand.RefusePm2Dump(parameters.Target);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var started = await client.StartAsync(parameters, context.Cancellation).ConfigureAwait(false);
            ProcessListWriter.Write(context.Output, started, "nothing was started");
            return CliOutput.Success;
        });
        return command;
    }
}
