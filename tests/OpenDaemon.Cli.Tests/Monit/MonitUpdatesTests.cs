using OpenDaemon.Cli.Monit;
using OpenDaemon.Cli.Monit.Render;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Monit;

public sealed class MonitUpdatesTests
{
    [Fact]
    public void WithMetrics_EachPass_AddsOneSampleToTheSparklinesOfRunningInstances()
    {
        var model = MonitModels.Empty() with { Processes = [MonitModels.Process(0, "api"), MonitModels.Process(1, "idle", ProcessState.Stopped)] };

        model = MonitUpdates.WithMetrics(model, Snapshot(10));
        model = MonitUpdates.WithMetrics(model, Snapshot(30));

        Assert.Equal([10.0, 30.0], model.History[0].Cpu);
        Assert.Empty(model.History[1].Cpu);
        Assert.Equal(55.5, model.Header.CpuPercent);
        Assert.Equal(30, model.Metrics[0].CpuPercent);
    }

    [Fact]
    public void WithMetrics_ManyPasses_KeepsTheNewestCapacitySamples()
    {
        var model = MonitModels.Empty() with { Processes = [MonitModels.Process(0, "api")] };
        for (var pass = 0; pass < MetricSeries.Capacity + 5; pass++)
        {
            model = MonitUpdates.WithMetrics(model, Snapshot(pass));
        }

        Assert.Equal(MetricSeries.Capacity, model.History[0].Cpu.Count);
        Assert.Equal(MetricSeries.Capacity + 4, model.History[0].Cpu[^1]);
    }

    [Fact]
    public void WithHistory_AfterTheFirstSnapshot_SeedsTheSparklinesWithTheRecentPastThenPassesAddToIt()
    {
        var model = MonitModels.Empty() with { Processes = [MonitModels.Process(0, "api"), MonitModels.Process(1, "idle", ProcessState.Stopped)] };
        model = MonitUpdates.WithMetrics(model, Snapshot(30));
        var start = DateTimeOffset.UnixEpoch;
        var points = Enumerable.Range(0, MetricSeries.Capacity + 10)
            .Select(i => new ProcessPoint { At = start.AddSeconds(5 * i), CpuPercent = i % 7 == 0 ? null : i, MemoryBytes = 1000 + i, OpenFiles = 1, Threads = 1, IoReadBytes = 0, IoWriteBytes = 0 })
            .ToList();
        var history = new MetricHistory
        {
            From = start,
            To = start.AddSeconds(5 * points.Count),
            StepMs = 5000,
            RetentionMs = 3_600_000,
            Processes = [new ProcessHistory { Id = 0, Name = "api", Instance = 0, Points = points }, new ProcessHistory { Id = 1, Name = "idle", Instance = 0, Points = [] }],
        };

        model = MonitUpdates.WithHistory(model, history);
        model = MonitUpdates.WithMetrics(model, Snapshot(99));

        var api = model.History[0];
        Assert.Equal(MetricSeries.Capacity, api.Memory.Count);
        Assert.Equal(1000 + MetricSeries.Capacity + 9, api.Memory[^2]);
        Assert.Equal(99, api.Cpu[^1]);
        Assert.DoesNotContain(api.Cpu.Take(api.Cpu.Count - 1), cpu => cpu % 7 == 0); // passes without a CPU figure are left out
        Assert.Empty(model.History[1].Cpu); // no history points (and stopped): the series it had
        Assert.Same(model, MonitUpdates.WithHistory(model, null));
    }

    [Fact]
    public void WithProcesses_SelectedInstanceDeleted_SelectsTheFirstRowLeft()
    {
        var model = MonitModels.Busy() with { SelectedId = 3 };

        var updated = MonitUpdates.WithProcesses(model, model.Processes.Where(process => process.Id != 3).ToList());

        Assert.Equal(0, updated.SelectedId);
    }

    [Fact]
    public void AppendLogs_WhilePaused_KeepsTheViewWhereItWas()
    {
        var model = MonitModels.Busy() with { LogPane = new LogPaneState { Paused = true } };
        var before = MonitLogView.Render(model, 76, 4, color: false).Select(line => line.ToString()).ToList();

        var updated = MonitUpdates.AppendLogs(model, [Entry("api-gateway", "new line")]);

        Assert.Equal(1, updated.LogPane.Scroll);
        Assert.Equal(before.Skip(1), MonitLogView.Render(updated, 76, 4, color: false).Skip(1).Select(line => line.ToString()));
    }

    [Fact]
    public void AppendLogs_Following_ShowsTheNewLineLast()
    {
        var updated = MonitUpdates.AppendLogs(MonitModels.Busy(), [Entry("api-gateway", "new line")]);

        Assert.Equal(0, updated.LogPane.Scroll);
        Assert.EndsWith("[INFO] new line", MonitLogView.Render(updated, 76, 4, color: false)[^1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sparkline_FewerSamplesThanColumns_FillsFromTheRight()
    {
        Assert.Equal("      ▁█", Sparkline.Render([0, 100], 8, floor: 100));
        Assert.Equal("        ", Sparkline.Render([], 8));
        Assert.Equal("▁▅█", Sparkline.Render([5, 0, 50, 100], 3));
    }

    private static MetricSnapshot Snapshot(double cpu) => new()
    {
        At = MonitModels.Now,
        IntervalMs = 1000,
        RetentionMs = 3_600_000,
        System = new SystemMetrics
        {
            CpuPercent = 55.5,
            CpuPerCore = [],
            MemoryTotalBytes = 8L << 30,
            MemoryAvailableBytes = 4L << 30,
            MemoryFreeBytes = 4L << 30,
            MemoryUsedBytes = 4L << 30,
            SwapTotalBytes = 0,
            SwapFreeBytes = 0,
            LoadAverage = [0, 0, 0],
            OpenFiles = 1,
            MaxOpenFiles = 2,
            Disks = [],
            Networks = [],
        },
        Processes =
        [
            new ProcessMetrics { Id = 0, Name = "api", Instance = 0, Namespace = "default", Status = ProcessState.Online, CpuPercent = cpu, MemoryBytes = 1 << 20, Restarts = 0 },
            new ProcessMetrics { Id = 1, Name = "idle", Instance = 0, Namespace = "default", Status = ProcessState.Stopped, Restarts = 0 },
        ],
    };

    private static LogEntry Entry(string app, string message) => new()
    {
        Timestamp = MonitModels.Now,
        Level = "info",
        ProcessName = app,
        Message = message,
        Source = "stdout",
    };
}
