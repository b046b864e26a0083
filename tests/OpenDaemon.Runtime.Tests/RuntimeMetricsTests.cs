using System.Diagnostics.Metrics;
using OpenDaemon.Testing;

namespace OpenDaemon.Runtime.Tests;

/// <summary>Starting, connecting, reconnecting and stopping, against a real Unix socket played by the test.</summary>
public sealed class RuntimeMetricsTests
{
    [Fact]
    public async Task ReadmeExample_OutsideOpenDaemon_CompilesRunsAndReportsNothing()
    {
        // The README's example, as written there.
        using var reporter = RuntimeMetrics.Start();   // does nothing outside OpenDaemon
        var orders = new Meter("Shop").CreateCounter<long>("orders_placed", description: "Orders placed.");
        orders.Add(1, new KeyValuePair<string, object?>("region", "eu"));

        if (Environment.GetEnvironmentVariable("OD_METRICS_SOCKET") is null or "")
        {
            Assert.False(reporter.IsReporting);
            await reporter.ReportNowAsync().WaitAsync(TestTimeouts.Short);
        }

        orders.Meter.Dispose();
    }

    [Fact]
    public async Task Start_NoSocketPath_ReturnsAReporterThatDoesNothing()
    {
        await using var reporter = RuntimeMetrics.Start(options: null, socketFromEnvironment: null);

        await reporter.ReportNowAsync().WaitAsync(TestTimeouts.Short);

        Assert.False(reporter.IsReporting);
    }

    [Fact]
    public async Task ReportNowAsync_NoDaemonAtThePath_CompletesWithoutThrowing()
    {
        using var dir = new TempDirectory();
        await using var reporter = RuntimeMetrics.Start(new RuntimeMetricsOptions { SocketPath = dir.File("none.sock") });

        await reporter.ReportNowAsync().WaitAsync(TestTimeouts.Short);

        Assert.False(reporter.IsReporting);
    }

    [Fact]
    public async Task Start_UnderADaemon_ConnectsAndReportsOnlyWhenAsked()
    {
        using var daemon = new FakeDaemon();
        using var meter = new Meter(UniqueName());
        var jobs = meter.CreateCounter<int>("jobs_done");
        jobs.Add(5); // before Start: no listener yet, so not counted
        await using var reporter = daemon.StartReporter(meter.Name);

        using var app = await daemon.AcceptAsync();
        await Poll.UntilAsync(() => reporter.IsReporting, "the reporter connected");
        jobs.Add(2);
        var report = await app.ReportAsync(reporter);

        Assert.Equal(2, report.One("jobs_done").GetProperty("value").GetDouble());
        Assert.StartsWith("{\"metrics\":[", report.Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportNowAsync_AfterTheDaemonClosedTheConnection_ReconnectsWithoutThrowing()
    {
        using var daemon = new FakeDaemon();
        using var meter = new Meter(UniqueName());
        var counter = meter.CreateCounter<long>("requests");
        await using var reporter = daemon.StartReporter(meter.Name);
        using (var first = await daemon.AcceptAsync())
        {
            counter.Add(1);
            Assert.Equal(1, (await first.ReportAsync(reporter)).One("requests").GetProperty("value").GetDouble());

            first.Close(); // as the daemon does on a malformed line
        }

        await Poll.UntilAsync(() => !reporter.IsReporting, "the reporter noticing the closed connection");
        counter.Add(1);
        var reporting = reporter.ReportNowAsync();
        using var second = await daemon.AcceptAsync();
        await reporting.WaitAsync(TestTimeouts.Short);

        Assert.Equal(2, new FakeDaemon.Report(await second.ReadLineAsync()).One("requests").GetProperty("value").GetDouble());
        Assert.True(reporter.IsReporting);
    }

    [Fact]
    public async Task DisposeAsync_Connected_ClosesTheConnectionAndLaterReportsDoNothing()
    {
        using var daemon = new FakeDaemon();
        var reporter = daemon.StartReporter(UniqueName());
        using var app = await daemon.AcceptAsync();
        await Poll.UntilAsync(() => reporter.IsReporting, "the reporter connected");

        await reporter.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Short);

        Assert.True(await app.IsClosedByAppAsync());
        Assert.False(reporter.IsReporting);
        await reporter.ReportNowAsync().WaitAsync(TestTimeouts.Short);
    }

    internal static string UniqueName() => $"Test.{Guid.NewGuid():N}";
}
