using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>
/// <c>od logs -f</c>: the stream is opened first and the recent lines read second, so nothing written
/// in between is missed; lines that arrive by both ways are printed once.
/// </summary>
internal static class LogFollow
{
    public static async Task RunAsync(OdClient client, LogSearchParams filters, LogEntryWriter writer, CliContext context)
    {
        var streamParams = new LogStreamParams { Targets = filters.Targets, Level = filters.Level, Grep = filters.Grep, Source = filters.Source };
        await using var live = client.StreamLogsAsync(streamParams, context.Cancellation).GetAsyncEnumerator(context.Cancellation);
        var first = live.MoveNextAsync();
        var recent = filters.Limit is 0 ? [] : (await client.SearchLogsAsync(filters, context.Cancellation).ConfigureAwait(false)).Entries;
        var printed = recent.Select(Key).ToHashSet();
        foreach (var entry in recent)
        {
            writer.Write(entry);
        }

        context.Output.Flush();
        try
        {
            for (var next = first; await next.ConfigureAwait(false); next = live.MoveNextAsync())
            {
                if (!printed.Remove(Key(live.Current)))
                {
                    writer.Write(live.Current);
                    context.Output.Flush();
                }
            }
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return; // Ctrl-C: the normal way to stop following.
        }

        throw new DaemonException(ErrorCode.DaemonNotRunning, "the daemon closed the connection while following logs", "see 'od daemon status' and 'od daemon logs'");
    }

    // What makes two copies of one captured line the same (metadata is left out: it is parsed separately each way).
    private static (DateTimeOffset?, string, int?, string, string) Key(LogEntry entry) =>
        (entry.Timestamp, entry.ProcessName, entry.InstanceId, entry.Source, entry.Message);
}
