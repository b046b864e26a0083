using System.Text.Json;
using OpenDaemon.Cli.Monit;
using OpenDaemon.Contracts.Logs;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Monit;

/// <summary>Models of a dashboard for the renderer's tests: three apps, some history, logs, a health check.</summary>
internal static class MonitModels
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 14, 23, 5, TimeSpan.Zero);

    public static ProcessSummary Process(int id, string name, ProcessState status = ProcessState.Online, int instance = 0) => new()
    {
        Id = id,
        Name = name,
        Instance = instance,
        Namespace = "default",
        Mode = instance > 0 || name == "api-gateway" ? "cluster" : "fork",
        Status = status,
        Pid = status == ProcessState.Online ? 4200 + id : null,
        StartedAt = status == ProcessState.Online ? Now.AddMinutes(-(id + 1) * 37) : null,
        Restarts = id,
    };

    public static MonitModel Empty() => new() { Now = Now, TimeZone = TimeZoneInfo.Utc };

    public static MonitModel Busy()
    {
        ProcessSummary[] processes =
        [
            Process(0, "api-gateway") with { Health = HealthStatus.Healthy },
            Process(1, "api-gateway", instance: 1) with { Health = HealthStatus.Healthy },
            Process(2, "worker"),
            Process(3, "flaky", ProcessState.Errored) with { Restarts = 7, NextRestartAt = Now.AddSeconds(3), Reason = "exit code 1" },
            Process(4, "cron-report", ProcessState.Stopped),
        ];
        var metrics = new Dictionary<int, ProcessMetrics>
        {
            [0] = Metrics(0, "api-gateway", 12.3, 128L << 20) with { Runtime = NodeRuntime() },
            [1] = Metrics(1, "api-gateway", 3, 96L << 20),
            [2] = Metrics(2, "worker", 0.4, 40L << 20),
        };
        var history = new Dictionary<int, MetricSeries>();
        var series = MetricSeries.Empty;
        double[] cpu = [1, 4, 9, 20, 45, 30, 12, 8, 12.3];
        for (var index = 0; index < cpu.Length; index++)
        {
            series = series.Add(cpu[index], (100L + (index * 4)) << 20);
        }

        history[0] = series;
        return new MonitModel
        {
            Now = Now,
            TimeZone = TimeZoneInfo.Utc,
            Header = new MonitHeader { Version = "0.1.0", DaemonStartedAt = Now.AddDays(-14), CpuPercent = 23.4, MemoryUsedBytes = 2254857830, MemoryTotalBytes = 8L << 30 },
            Processes = processes,
            Metrics = metrics,
            History = history,
            SelectedId = 0,
            SelectedDetail = Detail(processes[0]),
            Logs =
            [
                Log("api-gateway", "info", "Request processed in 12ms", 1),
                Log("worker", "info", "job 17 done", 1),
                Log("api-gateway", "info", "Request processed in 8ms", 2),
                Log("api-gateway", "warn", "Slow query detected: 450ms", 2),
                Log("api-gateway", "error", "upstream\treset", 3),
            ],
        };
    }

    public static ProcessDetail Detail(ProcessSummary summary) => new()
    {
        Summary = summary,
        Config = JsonDocument.Parse("{}").RootElement,
        History = [],
        Logs = new ProcessLogPaths("/tmp/out.log", "/tmp/err.log"),
        Readiness = new ProcessReadiness(),
        Health = new ProcessHealth { Status = HealthStatus.Healthy, Type = "http", Message = "HTTP 200", LatencyMs = 4, LastCheckAt = Now.AddSeconds(-5) },
    };

    private static ProcessMetrics Metrics(int id, string name, double cpu, long memory) => new()
    {
        Id = id,
        Name = name,
        Instance = 0,
        Namespace = "default",
        Status = ProcessState.Online,
        CpuPercent = cpu,
        MemoryBytes = memory,
        Restarts = 0,
    };

    private static NodeRuntimeMetrics NodeRuntime() => new()
    {
        Processes = 1,
        HeapTotalBytes = 48L << 20,
        HeapUsedBytes = 31L << 20,
        ExternalBytes = 2L << 20,
        ArrayBuffersBytes = 1L << 20,
        EventLoopDelayP50Ms = 10.4,
        EventLoopDelayP95Ms = 18.2,
        EventLoopDelayP99Ms = 24.7,
        EventLoopDelayMaxMs = 51,
        EventLoopUtilization = 0.31,
        GcCount = 112,
        GcPauseMs = 59.2,
    };

    private static LogEntry Log(string app, string level, string message, int second) => new()
    {
        Timestamp = Now.AddSeconds(-10 + second),
        Level = level,
        ProcessName = app,
        Message = message,
        Source = "stdout",
    };
}
