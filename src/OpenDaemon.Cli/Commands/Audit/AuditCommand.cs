using System.CommandLine;
using OpenDaemon.Cli.Commands.Logs;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Audit;

/// <summary>
/// <c>od audit [--since] [--action] [--actor] [--limit] [-f]</c>: the newest audit entries, oldest first,
/// then with <c>-f</c> new ones as they are written; <c>od audit verify</c> checks the hash chain.
/// </summary>
internal static class AuditCommand
{
    private const int DefaultLimit = 50;

    public static Command Create(GlobalOptions globals)
    {
        var since = new Option<string?>("--since") { Description = "Only entries since a time: 10m, 1h, 1d or 2026-11-23T15:00:00" };
        var action = new Option<string?>("--action") { Description = "Only this action or pattern: process.stop, process.*, process:exit, auth.*" };
        var actor = new Option<string?>("--actor") { Description = "Only this actor: cli, api, daemon, a user name, a uid or an API token id" };
        var limit = new Option<int>("--limit", "-n") { Description = $"How many of the newest entries to show (default {DefaultLimit}; 0 with -f shows only new ones)", DefaultValueFactory = _ => DefaultLimit };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries until Ctrl-C" };
        var command = new Command("audit", "Show the audit log: who did what, when, with what result (od audit verify checks it)")
        {
            since, action, actor, limit, follow, VerifyCommand(globals),
        };
        CommandActions.Set(command, globals, async context =>
        {
            var parse = context.Parse;
            var count = parse.GetValue(limit);
            var following = parse.GetValue(follow);
            if (count < 0 || (count == 0 && !following))
            {
                throw new DaemonException(ErrorCode.InvalidParams, $"--limit must be 1 or more (0 only with --follow), not {count}", "for example: od audit --limit 200");
            }

            var filters = new AuditSearchParams
            {
                Since = LogArguments.Time(parse.GetValue(since), "--since", DateTimeOffset.Now),
                Action = parse.GetValue(action),
                Actor = parse.GetValue(actor),
                Limit = count,
            };
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            if (following)
            {
                await AuditFollow.RunAsync(client, filters, context).ConfigureAwait(false);
                return CliOutput.Success;
            }

            var found = await client.SearchAuditAsync(filters, context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(found, ContractsJsonContext.Default.AuditSearchResult);
            if (!context.Output.Json)
            {
                foreach (var entry in found.Entries)
                {
                    context.Output.Line(AuditEntryText.Format(entry, context.Output));
                }

                if (found.Entries.Count == 0)
                {
                    context.Output.Note("no matching audit entries");
                }
            }

            return CliOutput.Success;
        });
        return command;
    }

    private static Command VerifyCommand(GlobalOptions globals)
    {
        var command = new Command("verify", "Check the audit log's hash chain: exit 0 when intact, 1 with the first broken line");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var result = await client.VerifyAuditAsync(context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(result, ContractsJsonContext.Default.AuditVerifyResult);
            if (!output.Json)
            {
                var files = result.Files.Count == 1 ? "1 file" : $"{result.Files.Count} files";
                if (result.Broken is { } broken)
                {
                    output.Line($"{output.Red("BROKEN")}: {broken.File}{(broken.Line > 0 ? $":{broken.Line}" : "")}: {broken.Reason}");
                    output.Line(output.Dim($"{result.Entries} entries before it are intact ({files})"));
                }
                else
                {
                    output.Line($"{output.Green("OK")}: {result.Entries} entries in {files}, every line linked to the one before");
                    if (result.StartsAfterRotation is { } first)
                    {
                        output.Line(output.Dim($"the chain starts in {first}: older files were removed by rotation (plugins.audit-logger.keep)"));
                    }
                }
            }

            return result.Ok ? CliOutput.Success : CliOutput.Failure;
        });
        return command;
    }
}
