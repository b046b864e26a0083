using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// <c>od scale &lt;name&gt; &lt;N|+N|-N&gt;</c> (PM2's <c>pm2 scale</c>): changes an app's instance count in place.
/// The instances that stay are not restarted; new ones start with the next indexes; the highest indexes are
/// stopped (stop signal, killTimeout) and removed. Never starts a daemon.
/// </summary>
internal static class ScaleCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var app = new Argument<string>("name") { Description = "The app's name" };
        var count = new Argument<string>("count") { Description = "The new number of instances (3), or a change (+2, -1)" };
        var command = new Command("scale", "Change an app's number of instances in place: N, +N or -N") { app, count };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var scaled = await client.ScaleAsync(context.Parse.GetValue(app)!, context.Parse.GetValue(count)!, context.Cancellation).ConfigureAwait(false);
            ProcessListWriter.Write(context.Output, scaled);
            return CliOutput.Success;
        });
        return command;
    }
}
