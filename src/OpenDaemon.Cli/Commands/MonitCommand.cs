using System.CommandLine;
using System.Globalization;
using OpenDaemon.Cli.Monit;
using OpenDaemon.Cli.Monit.Render;
using OpenDaemon.Cli.Monit.Terminal;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands;

/// <summary>
/// <c>od monit</c>: the live dashboard of spec §7 (docs/monit.md). On a terminal it takes the screen until q;
/// without one (or with <c>--once</c>) it prints one screen; <c>--json</c> prints the process list it starts from.
/// </summary>
internal static class MonitCommand
{
    private const int DefaultWidth = 120;
    private const int DefaultHeight = 40;

    public static Command Create(GlobalOptions globals)
    {
        var once = new Option<bool>("--once") { Description = "Print one screen and exit (the default without a terminal)" };
        var command = new Command("monit", "Live dashboard: apps, CPU and memory sparklines, health, logs; keys restart, stop, scale, filter (? for help)") { once };
        CommandActions.Set(command, globals, async context =>
        {
            var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            try
            {
                var output = context.Output;
                if (output.Json)
                {
                    output.JsonResult(await client.ListAsync(context.Cancellation).ConfigureAwait(false), ContractsJsonContext.Default.ProcessList);
                    return CliOutput.Success;
                }

                var color = CliOutput.ShouldUseColor(context.Parse.GetValue(globals.NoColor), json: false);
                var interactive = !context.Parse.GetValue(once) && !Console.IsOutputRedirected && !Console.IsInputRedirected;
                if (!interactive)
                {
                    var (width, height) = (Dimension("COLUMNS", DefaultWidth), Dimension("LINES", DefaultHeight));
                    var model = await MonitFeed.LoadOnceAsync(client, new MonitModel { Now = DateTimeOffset.UtcNow }, height, context.Cancellation).ConfigureAwait(false);
                    foreach (var line in MonitScreen.Render(model, width, height, color))
                    {
                        output.Line(line.TrimEnd());
                    }

                    return CliOutput.Success;
                }

                using var terminal = RawTerminal.TryEnter(Console.OpenStandardOutput())
                    ?? throw new DaemonException(ErrorCode.InvalidParams, "od monit needs a terminal to draw on", "print one screen with 'od monit --once', or use 'od ls'");
                var session = new MonitSession(context.ClientOptions, TimeProvider.System, color);
                await session.RunAsync(terminal, client, context.Cancellation).ConfigureAwait(false);
                return CliOutput.Success;
            }
            finally
            {
                await client.DisposeAsync().ConfigureAwait(false); // the session's feed closes it too; a second dispose is a no-op
            }
        });
        return command;
    }

    private static int Dimension(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
