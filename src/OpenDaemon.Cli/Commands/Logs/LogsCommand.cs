using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>
/// <c>od logs [name|id|all...]</c>: the last lines of some or all apps, interleaved by time, then
/// everything new as it is captured (across rotation, restarts and new instances) until Ctrl-C — on a
/// terminal by default, as <c>pm2 logs</c> does; piped or with <c>--nostream</c> it prints and exits.
/// </summary>
internal static class LogsCommand
{
    private const int DefaultLines = 15;

    public static Command Create(GlobalOptions globals)
    {
        var targets = new Argument<string[]>("targets") { Description = "App names, instance ids or all (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var lines = new Option<int>("--lines", "-n") { Description = $"How many recent lines to show, any number (default {DefaultLines}; 0 with -f shows only new ones)", DefaultValueFactory = _ => DefaultLines };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C (the default on a terminal; this forces it when piped)" };
        var grep = new Option<string?>("--grep") { Description = "Only lines whose message matches this regular expression" };
        var level = new Option<string?>("--level") { Description = "Only this level and more severe (trace, debug, info, warn, error, fatal)" };
        var since = new Option<string?>("--since") { Description = "Only lines since a time: 10m, 2h, 1d or 2026-11-23T15:00:00" };
        var until = new Option<string?>("--until") { Description = "Only lines until a time (same forms as --since)" };
        var outOnly = new Option<bool>("--out") { Description = "Only stdout" };
        var errOnly = new Option<bool>("--err") { Description = "Only stderr" };
        var timestamps = new Option<bool>("--timestamps", "-t") { Description = "Show each line's time" };
        var timestamp = new Option<string?>("--timestamp") { Description = $"PM2's form: show each line's time in this format (default {MomentFormat.Pm2Default})", Arity = ArgumentArity.ZeroOrOne };
        var raw = new Option<bool>("--raw") { Description = "Only the lines as the apps wrote them: no app prefix, no colour" };
        var noStream = new Option<bool>("--nostream") { Description = "Print and exit without following (the default when piped)" };
        var command = new Command("logs", "Show, search and follow app logs (current and rotated files)")
        {
            targets, lines, follow, grep, level, since, until, outOnly, errOnly, timestamps, timestamp, raw, noStream,
        };
        CommandActions.Set(command, globals, async context =>
        {
            var parse = context.Parse;
            var count = parse.GetValue(lines);
            var streaming = Streams(parse.GetValue(follow), parse.GetValue(noStream), parse.GetValue(until) is not null, !Console.IsOutputRedirected);
            if (count < 0 || (count == 0 && !streaming))
            {
                throw new DaemonException(ErrorCode.InvalidParams, $"--lines must be 1 or more (0 only with --follow), not {count}", "for example: od logs api --lines 100");
            }

            var now = DateTimeOffset.Now;
            var names = parse.GetValue(targets) ?? [];
            var filters = new LogSearchParams
            {
                Targets = names,
                Level = LogArguments.Level(parse.GetValue(level)),
                Grep = parse.GetValue(grep), // the daemon checks the pattern (INVALID_PARAMS)
                Source = LogArguments.Source(parse.GetValue(outOnly), parse.GetValue(errOnly)),
                Since = LogArguments.Time(parse.GetValue(since), "--since", now),
                Until = LogArguments.Time(parse.GetValue(until), "--until", now),
                Limit = count,
            };

            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var writer = Writer(parse, context.Output, timestamps, timestamp, raw);
            writer.ShowInstancesOf(await MultiInstanceAppsAsync(client, context.Cancellation).ConfigureAwait(false));
            if (streaming)
            {
                await LogFollow.RunAsync(client, filters, writer, context).ConfigureAwait(false);
                return CliOutput.Success;
            }

            // Page by page, printed as each arrives: --lines 1000000 never holds a million lines.
            var printed = 0L;
            await foreach (var page in client.ReadLogPagesAsync(filters, context.Cancellation).ConfigureAwait(false))
            {
                foreach (var entry in page.Entries)
                {
                    writer.Write(entry);
                }

                printed += page.Entries.Count;
                context.Output.Flush();
            }

            if (printed == 0)
            {
                context.Output.Note("no matching log lines");
            }

            return CliOutput.Success;
        });
        return command;
    }

    /// <summary>
    /// Whether to keep following: <c>--nostream</c> never, <c>-f</c> always, a query with <c>--until</c> never
    /// (it has an end), otherwise when stdout is a terminal — PM2's default for a person, while a pipe
    /// (<c>od logs api | grep x</c>, a script) gets the lines and an exit.
    /// </summary>
    internal static bool Streams(bool follow, bool noStream, bool hasUntil, bool stdoutIsTerminal) =>
        !noStream && (follow || (!hasUntil && stdoutIsTerminal));

    /// <summary>How entries print: <c>-t</c> (od's time), <c>--timestamp [format]</c> (PM2's, a moment pattern), <c>--raw</c>.</summary>
    internal static LogEntryWriter Writer(ParseResult parse, CliOutput output, Option<bool> timestamps, Option<string?> timestamp, Option<bool> raw)
    {
        var pm2Time = parse.GetResult(timestamp) is not null;
        var format = pm2Time ? MomentFormat.ToNet(parse.GetValue(timestamp) ?? MomentFormat.Pm2Default) : null;
        return new LogEntryWriter(output, parse.GetValue(timestamps) || pm2Time, format, parse.GetValue(raw));
    }

    private static async Task<IEnumerable<string>> MultiInstanceAppsAsync(OdClient client, CancellationToken cancellationToken)
    {
        var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
        return list.Processes.GroupBy(p => p.Name).Where(app => app.Count() > 1).Select(app => app.Key);
    }
}
