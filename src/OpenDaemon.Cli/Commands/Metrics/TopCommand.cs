using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Cli.Commands.Metrics;

/// <summary>
/// <c>od top</c>: a live view of every instance and the machine, redrawn in place at each collection pass
/// (the terminal's alternate screen, restored on exit). Keys c/m/n/i sort, q quits, Ctrl-C quits too and
/// exits 0. Without a terminal (or with <c>--once</c>) it prints one screen and exits; <c>--json</c> prints
/// the snapshot.
/// </summary>
internal static class TopCommand
{
    private const string EnterScreen = "\u001b[?1049h\u001b[?25l";
    private const string LeaveScreen = "\u001b[?25h\u001b[?1049l";
    private const string Home = "\u001b[H\u001b[2J";
    private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(100);

    public static Command Create(GlobalOptions globals)
    {
        var sort = new Option<string?>("--sort", "-s") { Description = "Order: cpu (default), mem, name or id; keys c, m, n, i change it live" };
        var once = new Option<bool>("--once") { Description = "Print one screen and exit (the default without a terminal)" };
        var command = new Command("top", "Live view of apps' CPU, memory, fds and threads and of the machine (q to quit)") { sort, once };
        CommandActions.Set(command, globals, async context =>
        {
            var order = TopSorting.Parse(context.Parse.GetValue(sort));
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var output = context.Output;
            var snapshot = await client.GetMetricsAsync([], context.Cancellation).ConfigureAwait(false);
            if (output.Json)
            {
                output.JsonResult(snapshot, ContractsJsonContext.Default.MetricSnapshot);
                return CliOutput.Success;
            }

            var interactive = !context.Parse.GetValue(once) && !Console.IsOutputRedirected && !Console.IsInputRedirected;
            if (!interactive)
            {
                TopView.Render(snapshot, order, output, interactive: false).ForEach(output.Line);
                return CliOutput.Success;
            }

            return await LiveAsync(client, snapshot, order, output, context.Cancellation).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> LiveAsync(OdClient client, MetricSnapshot snapshot, TopSort order, CliOutput output, CancellationToken cancellationToken)
    {
        Console.Write(EnterScreen);
        try
        {
            while (true)
            {
                Console.Write(Home + string.Join('\n', TopView.Render(snapshot, order, output, interactive: true)) + '\n');
                var due = DateTime.UtcNow + TimeSpan.FromMilliseconds(Math.Max(1000, snapshot.IntervalMs));
                var redraw = false;
                while (!redraw && DateTime.UtcNow < due)
                {
                    await Task.Delay(KeyPoll, cancellationToken).ConfigureAwait(false);
                    while (Console.KeyAvailable)
                    {
                        var key = Console.ReadKey(intercept: true).KeyChar;
                        if (key is 'q' or 'Q')
                        {
                            return CliOutput.Success;
                        }

                        if (TopSorting.FromKey(key) is { } newOrder)
                        {
                            order = newOrder;
                            redraw = true;
                        }
                    }
                }

                if (!redraw)
                {
                    snapshot = await client.GetMetricsAsync([], cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliOutput.Success; // Ctrl-C is how one leaves top: not an error
        }
        finally
        {
            Console.Write(LeaveScreen);
        }
    }
}
