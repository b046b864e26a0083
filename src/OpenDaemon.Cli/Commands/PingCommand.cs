using System.CommandLine;
using System.Diagnostics;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands;

/// <summary><c>od ping</c>: round trip to the daemon, starting it when none runs.</summary>
internal static class PingCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("ping", "Check that the daemon answers (starts it if needed)");
        CommandActions.Set(command, globals, async context =>
        {
            var (client, started) = await DaemonLauncher.ConnectOrStartAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                if (started)
                {
                    context.Output.Note("started the daemon");
                }

                var clock = Stopwatch.StartNew();
                await client.PingAsync(context.Cancellation).ConfigureAwait(false);
                var latency = clock.Elapsed;
                context.Output.JsonResult(new PingOutput(true, Math.Round(latency.TotalMilliseconds, 3), started), CliJsonContext.Default.PingOutput);
                context.Output.Line($"pong {context.Output.Dim($"({HumanFormat.Milliseconds(latency)})")}");
                return CliOutput.Success;
            }
        });
        return command;
    }
}
