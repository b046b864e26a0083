using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Plugins.Metrics.Runtime;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Metrics.Runtime;

/// <summary>
/// The daemon's end of the runtime-metrics channel over a real Unix socket, the test host playing the app: the
/// greeting, reports kept per session, a closed or misbehaving connection forgotten.
/// </summary>
public sealed class RuntimeReportListenerTests : IAsyncLifetime
{
    private const string Report =
        """{"heapTotal":2000,"heapUsed":1000,"external":300,"arrayBuffers":20,"loopP50":1.5,"loopP95":4,"loopP99":9.25,"loopMax":12,"loopUtilization":0.25,"handles":3,"gcCount":7,"gcPauseMs":1.75}""";

    private readonly TempDirectory _dir = new();
    private readonly RuntimeReportListener _listener;
    private readonly int _session = SessionOfThisProcess();

    public RuntimeReportListenerTests() =>
        _listener = RuntimeReportListener.Start(_dir.File("rt.sock"), TimeSpan.FromMilliseconds(1500), NullLogger.Instance)
            ?? throw new InvalidOperationException("the listener did not bind");

    // xunit 2 disposes a test class through IAsyncLifetime, not IAsyncDisposable.
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
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
        await Poll.UntilAsync(() => _listener.BySession().TryGetValue(_session, out var m) && m.Node?.GcCount == 7, "the second report kept");

        var metrics = _listener.BySession()[_session].Node!;
        Assert.Equal((1, 2000L, 1000L, 300L, 20L), (metrics.Processes, metrics.HeapTotalBytes, metrics.HeapUsedBytes, metrics.ExternalBytes, metrics.ArrayBuffersBytes));
        Assert.Equal((1.5, 4.0, 9.25, 12.0, 0.25), (metrics.EventLoopDelayP50Ms, metrics.EventLoopDelayP95Ms, metrics.EventLoopDelayP99Ms, metrics.EventLoopDelayMaxMs, metrics.EventLoopUtilization));
        Assert.Equal((3, (int?)null, 1.75), (metrics.ActiveHandles!.Value, metrics.ActiveRequests, metrics.GcPauseMs));

        app.Shutdown(SocketShutdown.Both);
        app.Close();
        await Poll.UntilAsync(() => _listener.BySession().Count == 0, "the closed connection's report forgotten");
    }

    [Fact]
    public async Task Report_CustomSeriesOnly_KeptBesideNoNodeFiguresAndTwoConnectionsOfOneSessionAddUp()
    {
        const string Custom = """{"metrics":[{"name":"jobs_done","type":"counter","value":3,"labels":{"queue":"mail"}},{"name":"depth","type":"gauge","value":-2},{"name":"bad","type":"counter","value":-1}]}""";
        using var first = await ConnectAsync();
        using var second = await ConnectAsync();
        await ReadLineAsync(first);
        await ReadLineAsync(second);

        await first.SendAsync(Encoding.UTF8.GetBytes(Custom + "\n"));
        await second.SendAsync(Encoding.UTF8.GetBytes(Custom.Replace("\"value\":3", "\"value\":4", StringComparison.Ordinal) + "\n"));
        await Poll.UntilAsync(
            () => _listener.BySession().TryGetValue(_session, out var m) && m.Custom?.FirstOrDefault(s => s.Name == "jobs_done")?.Value == 7,
            "both connections' counters added up");

        var reported = _listener.BySession()[_session];
        Assert.Null(reported.Node);
        Assert.Equal(["jobs_done", "depth"], reported.Custom!.Select(s => s.Name));
        Assert.Equal(-4, reported.Custom!.Single(s => s.Name == "depth").Value);
        Assert.Equal("mail", reported.Custom![0].Labels!["queue"]);
    }

    [Fact]
    public async Task Report_JsonWithoutHeapOrMetrics_ClosesTheConnection()
    {
        using var app = await ConnectAsync();
        await ReadLineAsync(app);

        await app.SendAsync(Encoding.UTF8.GetBytes("{\"hello\":1}\n"));

        Assert.True(await ClosedByTheListenerAsync(app));
        Assert.Empty(_listener.BySession());
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

        try
        {
            await app.SendAsync(Encoding.UTF8.GetBytes(new string(' ', (128 * 1024) + 1)));
        }
        catch (SocketException)
        {
            // The listener may close before the last bytes are written: that is the point.
        }

        Assert.True(await ClosedByTheListenerAsync(app));
    }

    [Fact]
    public void Combine_TwoNodeProcessesOfOneApp_SumsSizesAndKeepsTheWorstLoop()
    {
        var a = RuntimeReportListener.Parse(Encoding.UTF8.GetBytes(Report))!.ToMetrics();
        var b = a with { HeapUsedBytes = 5, EventLoopDelayP99Ms = 40, EventLoopUtilization = 0.1, ActiveHandles = null, GcCount = 1 };

        var both = RuntimeReportListener.Combine(a, b);

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
