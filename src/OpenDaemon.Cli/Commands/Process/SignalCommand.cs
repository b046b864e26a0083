using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od signal &lt;signal&gt; &lt;targets...&gt;</c> (alias PM2's <c>sendSignal</c>): send a signal
/// (<c>SIGUSR2</c>, <c>USR2</c>, <c>12</c>) to the main process of each named instance that runs.
/// </summary>
internal static class SignalCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var signal = new Argument<string>("signal") { Description = "Signal name or number: SIGUSR2, USR2, 12" };
        var targets = new Argument<string[]>("targets") { Description = "App names, instance ids, namespaces or all", Arity = ArgumentArity.OneOrMore };
        var command = new Command("signal", "Send a signal to apps' main processes (alias: sendSignal)") { signal, targets };
        command.Aliases.Add("sendSignal");
        CommandActions.Set(command, globals, async context =>
        {
            var names = ProcessArguments.FileTargets(ProcessArguments.Targets(context.Parse.GetValue(targets), "signal"), System.Environment.CurrentDirectory);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var answer = await client.SignalAsync(context.Parse.GetRequiredValue(signal), names, context.Cancellation).ConfigureAwait(false);
            if (context.Output.Json)
            {
                ProcessListWriter.Write(context.Output, answer);
                return CliOutput.Success;
            }

            ProcessListWriter.WriteNotes(context.Output, answer.Notes);
            return CliOutput.Success;
        });
        return command;
    }
}
