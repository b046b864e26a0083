using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Metrics;
using OpenDaemon.Plugins.Metrics.Collection;
using OpenDaemon.Plugins.Metrics.History;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Metrics;

public sealed class MetricsCollectorTests
{
    [Fact]
    public async Task Collect_RealProcessTree_SumsCpuMemoryThreadsFilesAndIoOverTheWholeSession()
    {
        // A tree of three: sh, a busy `yes` and a sleeping child.
        using var tree = new SessionProcess("yes > /dev/null & sleep 300 & wait");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var processes = new FakeProcessManager();
        processes.Instances.Add(FakeProcessManager.Running(0, "busy", tree.Pid, time.GetUtcNow()));
        await using var collector = new MetricsCollector(new MetricsSettings(), () => processes, time, NullLogger.Instance, []);

        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            collector.Collect();
            var row = collector.Latest!.Processes.Single();
            // CPU % needs a previous pass of the same run: never on the first.
            return row.ProcessCount == 3 && row.CpuUserSeconds + row.CpuSystemSeconds > 0.05 && row.CpuPercent is not null;
        }, "the tree's three processes, some CPU time and a CPU %");

        var busy = collector.Latest!.Processes.Single();
        Assert.True(busy.MemoryBytes > 0, "resident memory");
        Assert.True(busy.Threads >= 3, $"threads: {busy.Threads}");
        Assert.True(busy.OpenFiles >= 6, $"open files of three processes (stdin/out/err each): {busy.OpenFiles}");
        Assert.NotNull(busy.IoWriteChars); // /proc/<pid>/io is readable for our own processes
        Assert.True(busy.IoWriteChars > 0, "yes writes to /dev/null");
        Assert.NotNull(busy.CpuPercent);
        Assert.True(busy.UptimeMs >= 5000, "uptime on the daemon's clock");
        Assert.Equal("busy", busy.Name);
    }

    [Fact]
    public async Task Loop_FakeClock_PassesOncePerIntervalAndHistoryStaysWithinRetention()
    {
        using var tree = new SessionProcess("sleep 300");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var processes = new FakeProcessManager();
        processes.Instances.Add(FakeProcessManager.Running(7, "sleeper", tree.Pid, time.GetUtcNow()));
        var settings = new MetricsSettings { Interval = TimeSpan.FromSeconds(5), Retention = TimeSpan.FromMinutes(1) };
        await using var collector = new MetricsCollector(settings, () => processes, time, NullLogger.Instance, []);

        collector.Start();
        await Poll.UntilAsync(() => collector.Latest?.Sequence == 1, "the first pass, at start");
        for (var pass = 2; pass <= 20; pass++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            var expected = pass;
            await Poll.UntilAsync(() => collector.Latest?.Sequence == expected, $"pass {expected} after another 5 s");
        }

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(20, collector.Latest!.Sequence); // nothing before the interval has passed

        Assert.Equal(12, collector.History.Capacity);
        var points = collector.History.Points(7, collector.Latest.At - settings.Retention, collector.Latest.At, settings.Interval);
        Assert.Equal(12, points.Count); // the ring kept the last minute only
        Assert.All(points, point => Assert.True(point.MemoryBytes > 0));
    }

    [Fact]
    public void Collect_AppWithMetricsDisabled_IsLeftOut()
    {
        using var tree = new SessionProcess("sleep 300");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var processes = new FakeProcessManager();
        processes.Instances.Add(FakeProcessManager.Running(0, "quiet", tree.Pid, time.GetUtcNow(), new MetricsConfig { Enabled = false }));
        processes.Instances.Add(FakeProcessManager.Running(1, "loud", tree.Pid, time.GetUtcNow(), new MetricsConfig { Labels = new Dictionary<string, string> { ["team"] = "core" } }));
        var collector = new MetricsCollector(new MetricsSettings(), () => processes, time, NullLogger.Instance, []);

        collector.Collect();

        var row = Assert.Single(collector.Latest!.Processes);
        Assert.Equal("loud", row.Name);
        Assert.Equal("core", row.Labels!["team"]);
    }

    [Fact]
    public void Collect_WithoutProcessManager_StillReportsTheMachine()
    {
        var collector = new MetricsCollector(new MetricsSettings(), () => null, new FakeTimeProvider(), NullLogger.Instance, []);

        collector.Collect();
        collector.Collect();

        var system = collector.Latest!.System;
        Assert.Empty(collector.Latest.Processes);
        Assert.True(system.MemoryTotalBytes > 0);
        Assert.Equal(Environment.ProcessorCount, system.CpuPerCore.Count);
        Assert.Equal(3, system.LoadAverage.Count);
        Assert.Contains(system.Networks, network => network.Interface == "lo");
        Assert.Contains(system.Disks, disk => disk.TotalBytes > 0);
        Assert.True(system.OpenFiles > 0);
    }

    [Fact]
    public void History_OneHourAtFiveSeconds_CostsTheStatedBytesPerApp()
    {
        // docs/metrics.md states what an hour of history costs an idle and a busy instance.
        var history = new MetricsHistory(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), DateTimeOffset.UnixEpoch);
        Assert.Equal(720, history.Capacity);
        var random = new Random(7);
        for (var pass = 0; pass < 720; pass++)
        {
            history.Record(1, new ProcessSample(pass * 5, 0, 1024, 3, 1, 0, 0)); // idle: the same figures every pass
            history.Record(2, new ProcessSample(pass * 5, random.Next(0, 20_000) / 100f, 80_000 + random.Next(-500, 500), 20 + random.Next(0, 3), 11, random.Next(0, 64), random.Next(0, 256)));
        }

        var systemBytes = history.System.Capacity * SystemSample.Size;
        history.KeepOnly(new HashSet<int> { 1 });
        long idle = history.TotalBytes - systemBytes;
        Assert.InRange(idle, 720 * 2, 2_000); // two bytes a pass: which figures changed (none) and the seconds since the last
        history.Record(2, default);
        history.KeepOnly(new HashSet<int> { 2 });
        Assert.True(history.TotalBytes - systemBytes < 2_000, "a new series holds one block");
    }

    [Fact]
    public void History_BusyApp_AnHourCostsUnderHalfTheFixedRing()
    {
        var series = new ProcessSeries(720);
        var random = new Random(7);
        for (var pass = 0; pass < 720; pass++)
        {
            series.Add(new ProcessSample(pass * 5, random.Next(0, 20_000) / 100f, 80_000 + random.Next(-500, 500), 20 + random.Next(0, 3), 11, random.Next(0, 64), random.Next(0, 256)));
        }

        Assert.InRange(series.Bytes, 720 * 4, 720 * 28 / 2); // about 10 bytes a pass with every figure moving; a fixed ring took 28
    }

    [Fact]
    public void History_StepOfThreePasses_AveragesGaugesAndSumsIo()
    {
        var epoch = DateTimeOffset.UnixEpoch;
        var history = new MetricsHistory(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), epoch);
        for (var pass = 0; pass < 6; pass++)
        {
            history.Record(1, new ProcessSample(pass * 5, pass == 0 ? float.NaN : pass * 10, 1024 * (pass + 1), 4, 2, 10, 20));
        }

        var points = history.Points(1, epoch, epoch.AddSeconds(25), TimeSpan.FromSeconds(15));

        Assert.Equal(2, points.Count);
        Assert.Equal((epoch, 15.0, 2L << 20, 30L * 1024), (points[0].At, points[0].CpuPercent!.Value, points[0].MemoryBytes, points[0].IoReadBytes)); // NaN left out of the mean
        Assert.Equal((epoch.AddSeconds(15), 40.0, 5L << 20, 60L * 1024), (points[1].At, points[1].CpuPercent!.Value, points[1].MemoryBytes, points[1].IoWriteBytes));
    }
}
