using System.Collections.Concurrent;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Hosting.Ipc;
using OpenDaemon.Plugins.LogManager.Reading;
using OpenDaemon.Plugins.LogManager.Streaming;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// What the log manager answers over RPC: searches over current and rotated files, live streams to
/// followers, flushes. Capture itself is <see cref="LogManagerPlugin"/>'s <see cref="IOutputCapture"/>.
/// </summary>
internal sealed class LogService(LogCaptureService capture, Func<IProcessManager?> processes, TimeProvider time, LogPageSize pageSize)
{
    private readonly ConcurrentDictionary<(long Connection, int Stream), LogFollower> _streams = new();
    private int _nextStreamId;

    public LogStreamHub Hub => capture.Hub;

    /// <summary>
    /// One page of <c>log.search</c>: from <paramref name="cursor"/>, or else from the query's N-th newest
    /// match, with the cursor of the next page.
    /// </summary>
    public Task<Contracts.Logs.LogSearchResult> SearchAsync(IReadOnlyList<string> targetNames, LogQuery query, LogCursor? cursor, CancellationToken cancellationToken)
    {
        var targets = Targets();
        var sources = targets.Sources(targets.Resolve(targetNames));
        capture.Writers.FlushAll(); // what the apps wrote a moment ago is part of the answer
        return Task.Run(
            () =>
            {
                var truncated = false;
                if (cursor is null && query.Limit is { } limit)
                {
                    (cursor, truncated) = LogPager.Tail(sources, query, limit, cancellationToken);
                    if (limit == 0)
                    {
                        return new Contracts.Logs.LogSearchResult([], truncated);
                    }
                }

                var page = LogPager.Read(sources, query, cursor, pageSize, cancellationToken);
                return new Contracts.Logs.LogSearchResult(page.Entries, truncated, page.Next?.Encode());
            },
            cancellationToken);
    }

    public LogStreamStarted Stream(LogStreamParams parameters, IIpcPeer peer)
    {
        var (apps, instances) = Targets().LiveSelection(parameters.Targets);
        var filter = new LiveEntryFilter(apps, instances, LogRpcMethods.Level(parameters.Level), LogRpcMethods.Grep(parameters.Grep), Source(parameters.Source));
        var id = Interlocked.Increment(ref _nextStreamId);
        var follower = new LogFollower(id, peer.ConnectionId, filter, time);
        _streams[(peer.ConnectionId, id)] = follower;
        Hub.Add(follower);
        _ = RunAsync(follower, peer);
        return new LogStreamStarted(id);
    }

    public LogUnstreamResult Unstream(int streamId, IIpcPeer peer)
    {
        // Removed here, not only when its pump ends: a second unstream right after must find nothing.
        var found = _streams.TryRemove((peer.ConnectionId, streamId), out var follower);
        follower?.Complete();
        return new LogUnstreamResult(streamId, found);
    }

    /// <summary>Writes every buffered line now; answers the log files of the named apps (all when none) that exist.</summary>
    public LogFlushResult Flush(IReadOnlyList<string> targets)
    {
        var files = Targets();
        var sources = files.Sources(files.Resolve(targets)); // PROCESS_NOT_FOUND for a typo, before anything happens
        capture.Writers.FlushAll();
        return new LogFlushResult([.. sources.Select(source => source.CurrentPath).Distinct(StringComparer.Ordinal).Where(File.Exists)]);
    }

    /// <summary>
    /// PM2's <c>flush</c>: empties the current files (out, error and combined) of the named apps (all when
    /// none). Rotated files stay. Answers the files emptied.
    /// </summary>
    public LogFlushResult Truncate(IReadOnlyList<string> targets)
    {
        List<string> emptied = [];
        foreach (var path in CurrentFiles(targets))
        {
            if (capture.Writers.Find(path) is { } writer ? writer.Truncate() : TruncateClosed(path))
            {
                emptied.Add(path);
            }
        }

        return new LogFlushResult(emptied);
    }

    /// <summary>PM2's <c>reloadLogs</c>: every open file of the named apps is closed and opened again at its path.</summary>
    public LogFlushResult Reopen(IReadOnlyList<string> targets)
    {
        List<string> reopened = [];
        foreach (var path in CurrentFiles(targets))
        {
            if (capture.Writers.Find(path) is { } writer)
            {
                writer.Reopen();
                reopened.Add(path);
            }
        }

        return new LogFlushResult(reopened);
    }

    private IEnumerable<string> CurrentFiles(IReadOnlyList<string> targets)
    {
        var files = Targets();
        var instances = files.Resolve(targets); // PROCESS_NOT_FOUND for a typo, before anything happens
        var combined = instances.Select(instance => LogPaths.CombinedFor(instance.Config, instance.Instance, instance.InstanceCount)).OfType<string>();
        return files.Sources(instances).Select(source => source.CurrentPath).Concat(combined).Distinct(StringComparer.Ordinal);
    }

    private static bool TruncateClosed(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var file = new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return true;
    }

    // A stream lives until log.unstream or until its connection closes.
    private async Task RunAsync(LogFollower follower, IIpcPeer peer)
    {
        try
        {
            await follower.PumpAsync(peer, peer.Closed).ConfigureAwait(false);
        }
        finally
        {
            Hub.Remove(follower);
            _streams.TryRemove((peer.ConnectionId, follower.StreamId), out _);
        }
    }

    private LogTargets Targets() =>
        new(processes() ?? throw new InvalidOperationException("the process manager is not running"), capture.LogDirectory);

    private static string? Source(string? source) => LogRpcMethods.Streams(source) switch
    {
        LogStreams.Stdout => "stdout",
        LogStreams.Stderr => "stderr",
        _ => null,
    };
}
