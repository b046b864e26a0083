using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Plugins.Metrics;
using OpenDaemon.Plugins.Metrics.Export;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Metrics;

public sealed class StatsdExporterTests
{
    [Fact]
    public async Task Publish_ToUdpListener_SendsGaugesCountersAndTimerWithDogStatsdTags()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var exporter = new StatsdExporter(new StatsdSettings("127.0.0.1", port, "od.", Tags: true), time, NullLogger.Instance);
        exporter.Start();

        exporter.Publish(Frames.One(1, time.GetUtcNow(), restarts: 1, ioRead: 1000));
        var first = await ReceiveLinesAsync(listener, "od.process.uptime_seconds");
        await Poll.UntilAsync(() => exporter.Health.Status().Sent == 1, "the first push counted");
        time.Advance(TimeSpan.FromSeconds(5));
        exporter.Publish(Frames.One(2, time.GetUtcNow(), restarts: 3, ioRead: 5000));
        var second = await ReceiveLinesAsync(listener, "od.process.io_read_bytes");

        Assert.Contains("od.process.cpu_percent:12.5|g|#app:api,instance:0,namespace:default,team:core", first);
        Assert.Contains("od.process.memory_bytes:1234|g|#app:api,instance:0,namespace:default,team:core", first);
        Assert.Contains("od.system.cpu_percent:25|g", first);
        Assert.Contains("od.collector.pass_ms:3|ms", first);
        Assert.DoesNotContain(first, line => line.Contains("|c", StringComparison.Ordinal)); // counters need a previous pass
        Assert.Contains("od.process.restarts:2|c|#app:api,instance:0,namespace:default,team:core", second);
        Assert.Contains("od.process.io_read_bytes:4000|c|#app:api,instance:0,namespace:default,team:core", second);
    }

    [Fact]
    public void Lines_WithoutTags_PutAppAndInstanceInTheBucket()
    {
        var exporter = new StatsdExporter(new StatsdSettings("127.0.0.1", 8125, "od.", Tags: false), new FakeTimeProvider(), NullLogger.Instance);

        var lines = exporter.Lines(Frames.One(1, DateTimeOffset.UnixEpoch));

        Assert.Contains("od.process.api.0.cpu_percent:12.5|g", lines);
        Assert.Contains("od.process.api.0.open_fds:17|g", lines);
    }

    [Fact]
    public async Task Publish_UnreachableEndpoint_FailuresAreCountedWithBackoffAndPublishNeverWaits()
    {
        // The limited broadcast address without SO_BROADCAST: the kernel refuses the connect at once
        // (EACCES, or ENETUNREACH on a host with no route), every time — unlike a refused datagram,
        // whose ICMP answer may come late or be rate-limited.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var exporter = new StatsdExporter(new StatsdSettings("255.255.255.255", 8125, "od.", Tags: false), time, NullLogger.Instance);
        exporter.Start();

        exporter.Publish(Frames.One(1, time.GetUtcNow()));
        await Poll.UntilAsync(() => exporter.Health.Status().Failed == 1, "the failed push counted");
        var status = exporter.Health.Status();
        Assert.Equal("statsd", status.Name);
        Assert.NotNull(status.LastError);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(1), status.RetryAt);

        // While backing off a pass is dropped, not queued or retried: the count stays.
        exporter.Publish(Frames.One(2, time.GetUtcNow()));
        exporter.Publish(Frames.One(3, time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        exporter.Publish(Frames.One(4, time.GetUtcNow()));
        await Poll.UntilAsync(() => exporter.Health.Status().Failed == 2, "the next push after the backoff counted");
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(2), exporter.Health.Status().RetryAt);
    }

    // Datagrams until one holds a line starting with `last` (the exporter sends every line of a pass in order).
    private static async Task<List<string>> ReceiveLinesAsync(Socket listener, string last)
    {
        var lines = new List<string>();
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TestTimeouts.Short);
        while (!lines.Any(line => line.StartsWith(last, StringComparison.Ordinal)))
        {
            var received = await listener.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            lines.AddRange(Encoding.UTF8.GetString(buffer, 0, received).Split('\n'));
        }

        return lines;
    }
}
