using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Audit;

/// <summary>
/// <c>od audit -f</c>: the stream is opened first and the newest entries read second, so nothing
/// written in between is missed; an entry that arrives both ways is printed once (each line's
/// <c>prev</c> is unique: it is the hash of the line before it). With <c>--json</c>, one entry per line.
/// </summary>
internal static class AuditFollow
{
    public static async Task RunAsync(OdClient client, AuditSearchParams filters, CliContext context)
    {
        var output = context.Output;
        var streamParams = new AuditStreamParams { Action = filters.Action, Actor = filters.Actor };
        await using var live = client.StreamAuditAsync(streamParams, context.Cancellation).GetAsyncEnumerator(context.Cancellation);
        var first = live.MoveNextAsync();
        var printed = new HashSet<string>(StringComparer.Ordinal);
        if (filters.Limit is not 0)
        {
            var found = await client.SearchAuditAsync(filters, context.Cancellation).ConfigureAwait(false);
            foreach (var entry in found.Entries)
            {
                Write(entry, null, output);
                printed.Add(entry.Prev);
            }

            output.Flush();
        }

        try
        {
            for (var next = first; await next.ConfigureAwait(false); next = live.MoveNextAsync())
            {
                var (entry, line) = live.Current;
                if (!printed.Remove(entry.Prev) && (filters.Since is null || entry.Timestamp >= filters.Since))
                {
                    Write(entry, line, output);
                    output.Flush();
                }
            }
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return; // Ctrl-C: the normal way to stop following.
        }

        throw new DaemonException(ErrorCode.DaemonNotRunning, "the daemon closed the connection while following the audit log", "see 'od daemon status' and 'od daemon logs'");
    }

    private static void Write(AuditEntry entry, string? line, CliOutput output)
    {
        if (output.Json)
        {
            output.JsonLine(line ?? System.Text.Json.JsonSerializer.Serialize(entry, ContractsJsonContext.Default.AuditEntry));
        }
        else
        {
            output.Line(AuditEntryText.Format(entry, output));
        }
    }
}
