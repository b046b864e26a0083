using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od start &lt;script|config|name|id&gt; [options] [-- args...]</c>: start a script, the apps
/// of a configuration file, or an app the daemon already knows. Starts the daemon on demand. The
/// daemon resolves the target against the caller's working directory and answers once the
/// instances are up; the answer is printed as the process table.
/// </summary>
internal static class StartCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var arguments = new StartArguments();
        var command = new Command("start", "Start a script, the apps of a configuration file, or a known app");
        arguments.AddTo(command);
        CommandActions.Set(command, globals, async context =>
        {
            var parameters = arguments.Read(context.Parse, System.Environment.CurrentDirectory);
            RefusePm2Dump(parameters.Target);
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var started = await client.StartAsync(parameters, context.Cancellation).ConfigureAwait(false);
            ProcessListWriter.Write(context.Output, started, "nothing was started");
            return CliOutput.Success;
        });
        return command;
    }

    /// <summary>A PM2 dump (<c>~/.pm2/dump.pm2</c>) is not a script: starting it would create an app called "dump".</summary>
    internal static void RefusePm2Dump(string target)
    {
        if (target.EndsWith(".pm2", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".pm2.bak", StringComparison.OrdinalIgnoreCase))
        {
            throw new DaemonException(
                ErrorCode.InvalidParams,
                $"{target} is a PM2 dump (what 'pm2 save' writes), not a script or configuration file",
                $"import its apps with: od import pm2 {target}");
        }
    }
}
