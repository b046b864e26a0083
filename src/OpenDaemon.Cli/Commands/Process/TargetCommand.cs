using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// The shape of <c>od stop|restart|delete|reset &lt;targets...&gt;</c>: names, ids, namespaces, comma lists,
/// <c>all</c> or a configuration file (PM2's <c>pm2 stop ecosystem.config.js</c>), one call, the affected
/// instances printed. Never starts a daemon: with none running
/// there is nothing to act on, and DAEMON_NOT_RUNNING says so.
/// </summary>
internal static class TargetCommand
{
    public static Command Create(
        GlobalOptions globals,
        string verb,
        string description,
        Func<OdClient, IReadOnlyList<string>, CancellationToken, Task<ProcessList>> call,
        Action<CliOutput, ProcessList>? writeSummary = null) =>
        Create(globals, verb, description, (client, targets, _, ct) => call(client, targets, ct), [], writeSummary);

    /// <summary>The same with options of the command's own, which <paramref name="call"/> reads from the parse result.</summary>
    public static Command Create(
        GlobalOptions globals,
        string verb,
        string description,
        Func<OdClient, IReadOnlyList<string>, ParseResult, CancellationToken, Task<ProcessList>> call,
        IReadOnlyList<Option> options,
        Action<CliOutput, ProcessList>? writeSummary = null)
    {
        var targets = new Argument<string[]>("targets")
        {
            Description = "App names, instance ids, namespaces, comma lists (api,worker), all, or a configuration file (its apps)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(verb, description) { targets };
        foreach (var option in options)
        {
            command.Add(option);
        }

        CommandActions.Set(command, globals, async context =>
        {
            var names = ProcessArguments.FileTargets(ProcessArguments.Targets(context.Parse.GetValue(targets), verb), System.Environment.CurrentDirectory);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var affected = await call(client, names, context.Parse, context.Cancellation).ConfigureAwait(false);
            if (!context.Output.Json)
            {
                writeSummary?.Invoke(context.Output, affected);
            }

            ProcessListWriter.Write(context.Output, affected);
            return CliOutput.Success;
        });
        return command;
    }
}
