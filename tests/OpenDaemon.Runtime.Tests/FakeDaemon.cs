using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpenDaemon.Testing;

namespace OpenDaemon.Runtime.Tests;

/// <summary>
/// The daemon's end of the metrics socket, played by the test over a real Unix socket in a temp directory: it
/// accepts, greets with a long interval (so only ReportNowAsync sends, and every report is one the test asked for)
/// and reads report lines.
/// </summary>
internal sealed class FakeDaemon : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public FakeDaemon()
    {
        SocketPath = _dir.File("rt.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _socket.Listen(8);
    }

    public string SocketPath { get; }

    /// <summary>A reporter of <paramref name="meters"/> only (all meters when null), sending here.</summary>
    public RuntimeMetricsReporter StartReporter(params string[]? meters) =>
        RuntimeMetrics.Start(new RuntimeMetricsOptions { SocketPath = SocketPath, Meters = meters });

    /// <summary>Accepts the next connection and greets it.</summary>
    public async Task<AppSide> AcceptAsync(int intervalMs = 60_000)
    {
        var connection = await _socket.AcceptAsync().WaitAsync(TestTimeouts.Short);
        await connection.SendAsync(Encoding.UTF8.GetBytes($"{{\"intervalMs\":{intervalMs}}}\n")).WaitAsync(TestTimeouts.Short);
        return new AppSide(connection);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _dir.Dispose();
    }

    /// <summary>One accepted connection: the app at the other end.</summary>
    internal sealed class AppSide(Socket connection) : IDisposable
    {
        private readonly List<byte> _pending = [];

        /// <summary>Asks <paramref name="reporter"/> for a report now and returns its series.</summary>
        public async Task<Report> ReportAsync(RuntimeMetricsReporter reporter)
        {
            await reporter.ReportNowAsync().WaitAsync(TestTimeouts.Short);
            return new Report(await ReadLineAsync());
        }

        /// <summary>The next line the app sent, without its newline.</summary>
        public async Task<string> ReadLineAsync()
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Short);
            var buffer = new byte[64 * 1024];
            int newline;
            while ((newline = _pending.IndexOf((byte)'\n')) < 0)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    throw new InvalidOperationException("the app closed the connection before sending a line");
                }

                _pending.AddRange(buffer.AsSpan(0, read));
            }

            var line = Encoding.UTF8.GetString([.. _pending.GetRange(0, newline)]);
            _pending.RemoveRange(0, newline + 1);
            return line;
        }

        /// <summary>True once the app closed its end (a receive returns no bytes, or the connection was reset).</summary>
        public async Task<bool> IsClosedByAppAsync()
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Short);
            var buffer = new byte[1024];
            try
            {
                while (await connection.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
                {
                }
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Closed with bytes of ours still unread (the greeting, when it closed before reading it).
            }

            return true;
        }

        /// <summary>Closes the connection, as the daemon does on a malformed line or when it stops.</summary>
        public void Close()
        {
            connection.Shutdown(SocketShutdown.Both);
            connection.Close();
        }

        public void Dispose() => connection.Dispose();
    }

    /// <summary>One report line, parsed.</summary>
    internal sealed class Report(string line)
    {
        public string Line { get; } = line;

        public IReadOnlyList<JsonElement> Series { get; } = Parse(line);

        /// <summary>Every series named <paramref name="name"/>.</summary>
        public IReadOnlyList<JsonElement> Named(string name) =>
            [.. Series.Where(s => s.GetProperty("name").GetString() == name)];

        /// <summary>The one series named <paramref name="name"/> whose labels are exactly <paramref name="labels"/> ("k=v").</summary>
        public JsonElement One(string name, params string[] labels) =>
            Named(name).Single(s => Labels(s).SequenceEqual(labels.Order(StringComparer.Ordinal)));

        private static JsonElement[] Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            return [.. document.RootElement.GetProperty("metrics").EnumerateArray().Select(e => e.Clone())];
        }

        public static IEnumerable<string> Labels(JsonElement series) =>
            series.TryGetProperty("labels", out var labels)
                ? labels.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal)
                : [];
    }
}
