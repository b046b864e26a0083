using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Plugins.Metrics.Runtime;

// Overview
//
// The daemon's end of the runtime-metrics channel: a Unix stream socket that the preload
// (runtime-preload.cjs) in every Node app connects to, and so do apps reporting their own series
// (opendaemon/runtime in Node, OpenDaemon.Runtime in .NET). One accept loop, and one read loop per
// connection, all on the thread pool. On accept the kernel names the peer (SO_PEERCRED pid) and /proc its
// session, which is the app instance (each app leads its own session): nothing the peer says decides
// which app it is. The listener greets it with the interval it wants reports at, then keeps only the
// latest report of each connection (a ConcurrentDictionary; a closed connection removes its entry). The
// collector reads BySession() once per pass; nothing here waits on the collector or the other way round.
//
// Bounded against a misbehaving peer: at most MaxConnections at once (more are closed at accept), a line
// longer than MaxLineBytes or that is not a report closes its connection, the series kept per report are
// bounded by CustomMetricRules, and nothing is queued.

/// <summary>Receives apps' runtime reports and answers the latest per app instance; see the overview in the source.</summary>
internal sealed partial class RuntimeReportListener : IAsyncDisposable
{
    private const int MaxConnections = 4096;
    private const int MaxLineBytes = 128 * 1024;
    private const int FirstBufferBytes = 4096;

    private readonly Socket _socket;
    private readonly string _path;
    private readonly byte[] _greeting;
    private readonly ConcurrentDictionary<long, Reading> _latest = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;
    private long _lastConnectionId;

    private RuntimeReportListener(Socket socket, string path, TimeSpan interval)
    {
        _socket = socket;
        _path = path;
        _greeting = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"intervalMs\":{(long)interval.TotalMilliseconds}}}\n"));
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Binds <paramref name="path"/> (replacing a stale socket there) and starts accepting; null, logged, when it cannot.</summary>
    public static RuntimeReportListener? Start(string path, TimeSpan interval, ILogger logger)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (File.Exists(path) && (File.GetAttributes(path) & FileAttributes.Directory) == 0)
            {
                File.Delete(path); // left by a daemon that did not stop cleanly: this daemon holds the home's lock
            }

            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(128);
            return new RuntimeReportListener(socket, path, interval);
        }
        catch (Exception error) when (error is SocketException or IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            LogBindFailed(logger, path, error.Message);
            return null;
        }
    }

    /// <summary>The latest report of every connection, combined per session (app instance) id.</summary>
    public IReadOnlyDictionary<int, ReportedByApp> BySession()
    {
        var sessions = new Dictionary<int, ReportedByApp>();
        foreach (var reading in _latest.Values)
        {
            if (reading.Node is null && reading.Custom is null)
            {
                continue;
            }

            var reported = new ReportedByApp(reading.Node, reading.Custom);
            sessions[reading.SessionId] = sessions.TryGetValue(reading.SessionId, out var other) ? Combine(other, reported) : reported;
        }

        return sessions;
    }

    private static ReportedByApp Combine(ReportedByApp a, ReportedByApp b) => new(
        a.Node is { } x && b.Node is { } y ? Combine(x, y) : a.Node ?? b.Node,
        a.Custom is { } p && b.Custom is { } q ? CustomMetricRules.Combine(p, q) : a.Custom ?? b.Custom);

    // Several Node processes in one tree: sizes and counts add up, the event loop shown is the worst one.
    internal static NodeRuntimeMetrics Combine(NodeRuntimeMetrics a, NodeRuntimeMetrics b) => new()
    {
        Processes = a.Processes + b.Processes,
        HeapTotalBytes = a.HeapTotalBytes + b.HeapTotalBytes,
        HeapUsedBytes = a.HeapUsedBytes + b.HeapUsedBytes,
        ExternalBytes = a.ExternalBytes + b.ExternalBytes,
        ArrayBuffersBytes = a.ArrayBuffersBytes + b.ArrayBuffersBytes,
        EventLoopDelayP50Ms = Math.Max(a.EventLoopDelayP50Ms, b.EventLoopDelayP50Ms),
        EventLoopDelayP95Ms = Math.Max(a.EventLoopDelayP95Ms, b.EventLoopDelayP95Ms),
        EventLoopDelayP99Ms = Math.Max(a.EventLoopDelayP99Ms, b.EventLoopDelayP99Ms),
        EventLoopDelayMaxMs = Math.Max(a.EventLoopDelayMaxMs, b.EventLoopDelayMaxMs),
        EventLoopUtilization = Math.Max(a.EventLoopUtilization, b.EventLoopUtilization),
        ActiveHandles = a.ActiveHandles + b.ActiveHandles ?? a.ActiveHandles ?? b.ActiveHandles,
        ActiveRequests = a.ActiveRequests + b.ActiveRequests ?? a.ActiveRequests ?? b.ActiveRequests,
        GcCount = a.GcCount + b.GcCount,
        GcPauseMs = a.GcPauseMs + b.GcPauseMs,
    };

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Interlocked.Increment(ref _connections) > MaxConnections || UnixPeerProcess.Of(connection) is not (_, int session))
            {
                Interlocked.Decrement(ref _connections);
                connection.Dispose();
                continue;
            }

            _ = ServeAsync(connection, session);
        }
    }

    private async Task ServeAsync(Socket connection, int session)
    {
        var id = Interlocked.Increment(ref _lastConnectionId);
        _latest[id] = new Reading(session, null, null);
        var buffer = new byte[FirstBufferBytes];
        var filled = 0;
        try
        {
            await connection.SendAsync(_greeting, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length == MaxLineBytes)
                    {
                        return; // a line longer than any report
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
                }

                var read = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                int newline;
                while ((newline = Array.IndexOf(buffer, (byte)'\n', 0, filled)) >= 0)
                {
                    if (Parse(buffer.AsSpan(0, newline)) is not { } report || !(report.HasNodeRuntime || report.Metrics is not null))
                    {
                        return; // not a report: not one of ours, and not worth a second chance
                    }

                    _latest[id] = new Reading(session, report.HasNodeRuntime ? report.ToMetrics() : null, CustomMetricRules.Keep(report.Metrics));
                    buffer.AsSpan(newline + 1, filled - newline - 1).CopyTo(buffer);
                    filled -= newline + 1;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The app exited, or the daemon is stopping.
        }
        finally
        {
            _latest.TryRemove(id, out _);
            Interlocked.Decrement(ref _connections);
            connection.Dispose();
        }
    }

    internal static RuntimeReport? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, RuntimeReportJsonContext.Default.RuntimeReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _accepting.ConfigureAwait(false);
        try
        {
            File.Delete(_path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next daemon replaces a stale socket.
        }

        _stop.Dispose();
    }

    private sealed record Reading(int SessionId, NodeRuntimeMetrics? Node, IReadOnlyList<CustomMetric>? Custom);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Runtime metrics from apps (the Node preload, custom metrics) are off: cannot listen on {Path}: {Reason}")]
    private static partial void LogBindFailed(ILogger logger, string path, string reason);
}
