using System.CommandLine;
using System.Globalization;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Cli.Commands.Metrics;

/// <summary>
/// <c>od metrics [name...]</c>: the latest pass in the Prometheus text format (spec §6.2), or as JSON with
/// <c>--json</c>; <c>--watch</c> repeats at the collector's interval; <c>--range</c>/<c>--step</c> show the history.
/// </summary>
internal static class MetricsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = new Argument<string[]>("targets") { Description = "App names, instance ids or all (default: every app and the machine)", Arity = ArgumentArity.ZeroOrMore };
        var watch = new Option<bool>("--watch", "-w") { Description = "Print again at every collection pass until Ctrl-C" };
        var range = new Option<string?>("--range") { Description = "Show the history over this range instead (15m, 1h; at most the retention)" };
        var step = new Option<string?>("--step") { Description = "With --range: one point per step (default: every pass)" };
        var command = new Command("metrics", "Show CPU, memory, fds, threads, I/O of apps and the machine (Prometheus text; --json for JSON)")
        {
            targets, watch, range, step,
        };
        CommandActions.Set(command, globals, async context =>
        {
            var parse = context.Parse;
            var names = parse.GetValue(targets) ?? [];
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            if (parse.GetValue(range) is { } rangeText)
            {
                await HistoryAsync(client, names, Duration(rangeText, "--range"), parse.GetValue(step) is { } s ? Duration(s, "--step") : null, context).ConfigureAwait(false);
                return CliOutput.Success;
            }

            var interval = TimeSpan.Zero;
            do
            {
                if (interval > TimeSpan.Zero)
                {
                    await Task.Delay(interval, context.Cancellation).ConfigureAwait(false);
                    if (!context.Output.Json)
                    {
                        context.Output.Line(Console.IsOutputRedirected ? string.Empty : "\u001b[H\u001b[2J");
                    }
                }

                interval = await PrintAsync(client, names, context).ConfigureAwait(false);
                context.Output.Flush();
            }
            while (parse.GetValue(watch));
            return CliOutput.Success;
        });
        return command;
    }

    // One pass printed; returns the collector's interval (when the next pass is due).
    private static async Task<TimeSpan> PrintAsync(OdClient client, string[] names, CliContext context)
    {
        if (context.Output.Json)
        {
            var raw = await client.InvokeAsync(RpcMethods.MetricSnapshot, System.Text.Json.JsonSerializer.SerializeToElement(new MetricQueryParams { Targets = names }, ContractsJsonContext.Default.MetricQueryParams), CliJsonContext.Default.JsonElement, context.Cancellation).ConfigureAwait(false);
            context.Output.RawJsonResult(raw);
            return TimeSpan.FromMilliseconds(raw.GetProperty("intervalMs").GetInt64());
        }

        var exposition = await client.GetMetricExpositionAsync(names, context.Cancellation).ConfigureAwait(false);
        context.Output.Document(exposition.Text.TrimEnd('\n'));
        return TimeSpan.FromMilliseconds(exposition.IntervalMs);
    }

    private static async Task HistoryAsync(OdClient client, string[] names, TimeSpan range, TimeSpan? step, CliContext context)
    {
        var history = await client.GetMetricHistoryAsync(names, range, step, context.Cancellation).ConfigureAwait(false);
        var output = context.Output;
        output.JsonResult(history, ContractsJsonContext.Default.MetricHistory);
        foreach (var process in history.Processes)
        {
            output.Line(output.Bold($"{process.Name} [{process.Instance}] (id {process.Id})"));
            var table = new TextTable("time", "cpu", "mem", "fds", "threads", "read", "write");
            foreach (var point in process.Points)
            {
                table.AddRow(
                    point.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    point.CpuPercent is { } cpu ? HumanFormat.Percent(cpu) : "-",
                    HumanFormat.Bytes(point.MemoryBytes),
                    point.OpenFiles.ToString(CultureInfo.InvariantCulture),
                    point.Threads.ToString(CultureInfo.InvariantCulture),
                    HumanFormat.Bytes(point.IoReadBytes),
                    HumanFormat.Bytes(point.IoWriteBytes));
            }

            foreach (var line in table.Render(output))
            {
                output.Line(line);
            }

            output.Line();
        }
    }

    public static TimeSpan Duration(string text, string option) =>
        Units.TryParseDuration(text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new DaemonException(ErrorCode.InvalidParams, $"{option} must be a duration like 15m or 1h, not '{text}'", $"for example: od metrics api {option} 15m");
}
