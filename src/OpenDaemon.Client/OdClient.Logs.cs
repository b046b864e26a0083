using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Client;

// The log-manager methods (spec §5.4): search, follow, flush.
public sealed partial class OdClient
{
    /// <summary>
    /// <c>log.search</c>, one page: matching entries oldest first, over current and rotated files. Pass
    /// the answer's <see cref="LogSearchResult.NextCursor"/> as <see cref="LogSearchParams.Cursor"/> for the
    /// next page, or let <see cref="ReadLogsAsync"/> do it.
    /// </summary>
    public Task<LogSearchResult> SearchLogsAsync(LogSearchParams parameters, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.LogSearch, Serialize(parameters, ContractsJsonContext.Default.LogSearchParams), ContractsJsonContext.Default.LogSearchResult, cancellationToken);

    /// <summary>
    /// Every page of a <c>log.search</c>, as each arrives: the last <see cref="LogSearchParams.Limit"/>
    /// matches (no upper bound) in time order, one page (at most 10,000 entries) in memory at a time.
    /// The first page's <see cref="LogSearchResult.Truncated"/> tells whether more matched.
    /// </summary>
    public async IAsyncEnumerable<LogSearchResult> ReadLogPagesAsync(LogSearchParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = parameters with { Cursor = null };
        while (true)
        {
            var page = await SearchLogsAsync(request, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.NextCursor is not { } next)
            {
                yield break;
            }

            request = parameters with { Cursor = next };
        }
    }

    /// <summary>The entries of <see cref="ReadLogPagesAsync"/>, oldest first.</summary>
    public async IAsyncEnumerable<LogEntry> ReadLogsAsync(LogSearchParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadLogPagesAsync(parameters, cancellationToken).ConfigureAwait(false))
        {
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }
        }
    }

    /// <summary><c>log.flush</c>: write buffered lines of the named apps (all when empty) to disk now.</summary>
    public Task<LogFlushResult> FlushLogsAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.LogFlush, Serialize(new LogFlushParams { Targets = targets }, ContractsJsonContext.Default.LogFlushParams), ContractsJsonContext.Default.LogFlushResult, cancellationToken);

    /// <summary><c>log.truncate</c>: empties the current log files of the named apps (all when none), as PM2's <c>flush</c>.</summary>
    public Task<LogFlushResult> TruncateLogsAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.LogTruncate, Serialize(new LogFlushParams { Targets = targets }, ContractsJsonContext.Default.LogFlushParams), ContractsJsonContext.Default.LogFlushResult, cancellationToken);

    /// <summary><c>log.reopen</c>: closes and reopens the log files of the named apps (all when none), as PM2's <c>reloadLogs</c>.</summary>
    public Task<LogFlushResult> ReopenLogsAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.LogReopen, Serialize(new LogFlushParams { Targets = targets }, ContractsJsonContext.Default.LogFlushParams), ContractsJsonContext.Default.LogFlushResult, cancellationToken);

    /// <summary>
    /// <c>log.stream</c>: entries as they are captured, until <paramref name="cancellationToken"/> is
    /// cancelled or the connection closes. Follows restarts, rotation and new instances of the named apps.
    /// </summary>
    public async IAsyncEnumerable<LogEntry> StreamLogsAsync(LogStreamParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lines = FramedLineStream.ReadLinesAsync(
            _connection,
            _options.RequestTimeout,
            async ct => (await InvokeAsync(RpcMethods.LogStream, Serialize(parameters, ContractsJsonContext.Default.LogStreamParams), ContractsJsonContext.Default.LogStreamStarted, ct).ConfigureAwait(false)).StreamId,
            id => UnstreamLogsAsync(id),
            cancellationToken);
        await foreach (var line in lines.ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize(line.Span, ContractsJsonContext.Default.LogEntry) is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary><c>log.unstream</c>: ends a stream of this connection; <see cref="StreamLogsAsync"/> does it itself when its enumeration ends.</summary>
    public async Task<LogUnstreamResult> UnstreamLogsAsync(int streamId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await InvokeAsync(RpcMethods.LogUnstream, Serialize(new LogUnstreamParams(streamId), ContractsJsonContext.Default.LogUnstreamParams), ContractsJsonContext.Default.LogUnstreamResult, cancellationToken).ConfigureAwait(false);
        }
        catch (DaemonException) when (!_connection.IsConnected)
        {
            return new LogUnstreamResult(streamId, false); // the connection ended, and the stream with it
        }
    }
}
