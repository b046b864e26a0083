using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Plugins.Metrics.Runtime;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Metrics.Runtime;

/// <summary>
/// The daemon's end of the Node runtime channel over a real Unix socket, the test host playing the app: the
/// greeting, reports kept per session, a closed or misbehaving connection forgotten.
/// </summary>
public sealed class NodeRuntimeListenerTests : IAsyncDisposable
{
    private const string Report =
        """{"heapTotal":2000,"heapUsed":1000,"external":300,"arrayBuffers":20,"loopP50":1.5,"loopP95":4,"loopP99":9.25,"loopMax":12,"loopUtilization":0.25,"handles":3,"gcCount":7,"gcPauseMs":1.75}""";

    private readonly TempDirectory _dir = new();
    private readonly NodeRuntimeListener _listener;
    private readonly int _session = SessionOfThisProcess();

    public NodeRuntimeListenerTests() =>
        _listener = NodeRuntimeListener.Start(_dir.File("rt.sock"), TimeSpan.FromMilliseconds(1500), NullLogger.Instance)
            ?? throw new InvalidOperationException("the listener did not bind");

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Connect_GreetsWithTheIntervalThenKeepsTheLatestReportUnderTheSession()
    {
        using var app = await ConnectAsync();

        Assert.Equal("{\"intervalMs\":1500}", await ReadLineAsync(app));
        await app.SendAsync(Encoding.UTF8.GetBytes(Report.Replace("\"gcCount\":7", "\"gcCount\":1", StringComparison.Ordinal) + "\n" + Report + "\n"));
        await Poll.UntilAsync(() => _listener.BySession().TryGetValue(_session, out var m) && m.GcCount == 7, "the second report kept");

        var metrics = _listener.BySession()[_session];
        Assert.Equal((1, 2000L, 1000L, 300L, 20L), (metrics.Processes, metrics.HeapTotalBytes, metrics.HeapUsedBytes, metrics.ExternalBytes, metrics.ArrayBuffersBytes));
        Assert.Equal((1.5, 4.0, 9.25, 12.0, 0.25), (metrics.EventLoopDelayP50Ms, metrics.EventLoopDelayP95Ms, metrics.EventLoopDelayP99Ms, metrics.EventLoopDelayMaxMs, metrics.EventLoopUtilization));
        Assert.Equal((3, (int?)null, 1.75), (metrics.ActiveHandles!.Value, metrics.ActiveRequests, metrics.GcPauseMs));

        app.Shutdown(SocketShutdown.Both);
        app.Close();
        await Poll.UntilAsync(() => _listener.BySession().Count == 0, "the closed connection's report forgotten");
    }

    [Fact]
    public async Task Report_NotJson_ClosesTheConnectionAndKeepsNothing()
    {
        using var app = await ConnectAsync();
        await ReadLineAsync(app);

        await app.SendAsync(Encoding.UTF8.GetBytes("hello daemon\n"));

        Assert.True(await ClosedByTheListenerAsync(app));
        Assert.Empty(_listener.BySession());
    }

    [Fact]
    public async Task Report_LineLongerThanTheLimit_ClosesTheConnection()
    {
        using var app = await ConnectAsync();
        await ReadLineAsync(app);

        await app.SendAsync(Encoding.UTF8.GetBytes(new string(' ', 5000)));

        Assert.True(await ClosedByTheListenerAsync(app));
    }

    [Fact]
    public void Combine_TwoNodeProcessesOfOneApp_SumsSizesAndKeepsTheWorstLoop()
    {
        var a = NodeRuntimeListener.Parse(Encoding.UTF8.GetBytes(Report))!.ToMetrics();
        var b = a with { HeapUsedBytes = 5, EventLoopDelayP99Ms = 40, EventLoopUtilization = 0.1, ActiveHandles = null, GcCount = 1 };

        var both = NodeRuntimeListener.Combine(a, b);

        Assert.Equal((2, 4000L, 1005L, 8L), (both.Processes, both.HeapTotalBytes, both.HeapUsedBytes, both.GcCount));
        Assert.Equal((40.0, 0.25, 12.0), (both.EventLoopDelayP99Ms, both.EventLoopUtilization, both.EventLoopDelayMaxMs));
        Assert.Equal(3, both.ActiveHandles);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_dir.File("rt.sock"))).WaitAsync(TestTimeouts.Short);
        return socket;
    }

    private static async Task<string> ReadLineAsync(Socket socket)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (await socket.ReceiveAsync(buffer).WaitAsync(TestTimeouts.Short) == 1 && buffer[0] != '\n')
        {
            line.Append((char)buffer[0]);
        }

        return line.ToString();
    }

    // Closed: the end of the stream, or a reset when the listener closed with our bytes still unread.
    private static async Task<bool> ClosedByTheListenerAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16]).WaitAsync(TestTimeouts.Short) == 0;
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    // Field 6 of /proc/self/stat, after the parenthesised command name.
    private static int SessionOfThisProcess()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture);
    }
}
