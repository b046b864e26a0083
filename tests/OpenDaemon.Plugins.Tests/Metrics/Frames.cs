using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>Hand-made passes for the exporter tests.</summary>
internal static class Frames
{
    public static MetricsFrame One(long sequence, DateTimeOffset at, int restarts = 0, long ioRead = 1000) => new(
        sequence,
        at,
        new SystemMetrics
        {
            CpuPercent = 25,
            CpuPerCore = [20, 30],
            MemoryTotalBytes = 8L << 30,
            MemoryAvailableBytes = 6L << 30,
            MemoryFreeBytes = 5L << 30,
            MemoryUsedBytes = 2L << 30,
            SwapTotalBytes = 0,
            SwapFreeBytes = 0,
            LoadAverage = [0.5, 0.4, 0.3],
            OpenFiles = 900,
            MaxOpenFiles = 100_000,
            Disks = [],
            Networks = [],
        },
        [
            new ProcessMetrics
            {
                Id = 3,
                Name = "api",
                Instance = 0,
                Namespace = "default",
                Status = ProcessState.Online,
                Pid = 4242,
                CpuPercent = 12.5,
                CpuUserSeconds = 1.5,
                CpuSystemSeconds = 0.25,
                MemoryBytes = 1234,
                OpenFiles = 17,
                Threads = 4,
                ProcessCount = 1,
                IoReadBytes = ioRead,
                IoWriteBytes = 0,
                Restarts = restarts,
                UptimeMs = 60_000,
                Labels = new Dictionary<string, string> { ["team"] = "core" },
            },
        ],
        TimeSpan.FromMilliseconds(3));
}
