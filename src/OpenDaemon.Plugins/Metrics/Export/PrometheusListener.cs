using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Export;

// Overview
//
// A minimal HTTP/1.1 server for one thing: GET /metrics (the latest pass as Prometheus text) on
// plugins.metrics-collector.prometheus.listen. One accept loop; each connection is served on its own task:
// read the request head (at most 8 KiB, within 10 s), answer, close (Connection: close; scrapers open a
// connection per scrape anyway). Everything else is 404 or 405. Kestrel would cost the daemon's binary
// and start-up far more than this; the REST API (its own issue) will serve /api/v1/metrics from the same
// PrometheusText renderer. Stopping closes the listening socket, which ends the accept loop, then awaits
// the connections in flight.

/// <summary>Serves <c>GET /metrics</c> on its own address; see the overview in the source.</summary>
internal sealed partial class PrometheusListener : IAsyncDisposable
{
    private const int MaxHead = 8192;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly MetricsQueries _queries;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Lock _lock = new();
    private Task _acceptLoop = Task.CompletedTask;

    private PrometheusListener(Socket socket, MetricsQueries queries, ILogger logger)
    {
        _socket = socket;
        _queries = queries;
        _logger = logger;
    }

    /// <summary>Where it listens (the real port when 0 was configured).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Binds and starts accepting; CONFIG_VALIDATION_ERROR naming the address when it cannot bind.</summary>
    public static PrometheusListener Start(IPEndPoint endPoint, MetricsQueries queries, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(64);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new DaemonException(
                ErrorCode.ConfigValidationError,
                $"plugins.metrics-collector.prometheus: cannot listen on {endPoint}: {error.Message}",
                "choose a free port, or another address");
        }

        var listener = new PrometheusListener(socket, queries, logger);
        listener._acceptLoop = Task.Run(listener.AcceptLoopAsync);
        LogListening(logger, listener.EndPoint.ToString());
        return listener;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = Task.Run(() => ServeAsync(client));
            lock (_lock)
            {
                _connections.RemoveAll(task => task.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(ReadTimeout);
            try
            {
                var head = await ReadHeadAsync(client, timeout.Token).ConfigureAwait(false);
                var response = head is null ? Response(400, "Bad Request", "text/plain", "bad request\n") : Answer(head);
                await client.SendAsync(response, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The scraper went away or was too slow: nothing to answer.
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                LogServeFailed(_logger, error);
            }
        }
    }

    private byte[] Answer(string head)
    {
        var requestLine = head[..head.IndexOf('\r', StringComparison.Ordinal)];
        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return Response(400, "Bad Request", "text/plain", "bad request\n");
        }

        var path = parts[1].Split('?')[0];
        if (path is not ("/metrics" or "/"))
        {
            return Response(404, "Not Found", "text/plain", "not found: metrics are at /metrics\n");
        }

        if (parts[0] is not ("GET" or "HEAD"))
        {
            return Response(405, "Method Not Allowed", "text/plain", "only GET\n", "Allow: GET, HEAD\r\n");
        }

        var exposition = _queries.Exposition(new MetricQueryParams());
        return Response(200, "OK", exposition.ContentType, exposition.Text, head: parts[0] == "HEAD");
    }

    private static byte[] Response(int status, string reason, string contentType, string body, string extraHeaders = "", bool head = false)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var header = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {bodyBytes.Length}\r\n{extraHeaders}Connection: close\r\n\r\n");
        return head ? header : [.. header, .. bodyBytes];
    }

    // Reads until the blank line that ends the head; null when the head is too long or the peer closes first.
    private static async Task<string?> ReadHeadAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                return Encoding.ASCII.GetString(buffer, 0, length);
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        Task[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "serving Prometheus metrics on http://{EndPoint}/metrics")]
    private static partial void LogListening(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "answering a metrics scrape failed")]
    private static partial void LogServeFailed(ILogger logger, Exception error);
}
