using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Cli.Commands.Logs;

/// <summary>
/// <c>od logs -f</c>: the stream is opened first and the recent lines read second (page by page), so
/// nothing written in between is missed; lines that arrive by both ways are printed once. Only the
/// newest lines can arrive both ways, so only the last <see cref="RememberedLines"/> printed are remembered.
/// </summary>
internal static class LogFollow
{
    private const int RememberedLines = 20_000;

    public static async Task RunAsync(OdClient client, LogSearchParams filters, LogEntryWriter writer, CliContext context)
    {
        var streamParams = new LogStreamParams { Targets = filters.Targets, Level = filters.Level, Grep = filters.Grep, Source = filters.Source };
        await using var live = client.StreamLogsAsync(streamParams, context.Cancellation).GetAsyncEnumerator(context.Cancellation);
        var first = live.MoveNextAsync();
        var printed = new HashSet<(DateTimeOffset?, string, int?, string, string)>();
        var order = new Queue<(DateTimeOffset?, string, int?, string, string)>();
        if (filters.Limit is not 0)
        {
            await foreach (var page in client.ReadLogPagesAsync(filters, context.Cancellation).ConfigureAwait(false))
            {
                foreach (var entry in page.Entries)
                {
                    writer.Write(entry);
                    if (printed.Add(Key(entry)))
                    {
                        order.Enqueue(Key(entry));
                    }

                    if (order.Count > RememberedLines)
                    {
                        printed.Remove(order.Dequeue());
                    }
                }

                context.Output.Flush();
            }
        }

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
