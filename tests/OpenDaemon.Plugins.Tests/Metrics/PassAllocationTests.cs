using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Hosting.Memory;
using OpenDaemon.Plugins.Metrics;
using OpenDaemon.Plugins.Metrics.Collection;
using Xunit.Abstractions;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>
/// What one metrics pass allocates with 1,000 instances. A pass of 1 MB or more looks like an allocation burst to
/// BurstMemoryReturner, which then runs a compacting collection of the whole heap every 30 s for nothing (it was
/// most of what the idle daemon spent besides the pass itself). The row per instance is the one thing a pass must
/// allocate: it is the frame readers get.
/// </summary>
public sealed class PassAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Collect_ThousandInstances_AllocatesWellUnderABurst()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var processes = new FakeProcessManager();
        for (var i = 0; i < 1000; i++)
        {
            // Pids no process has: the pass does all its bookkeeping and finds no /proc figures.
            processes.Instances.Add(FakeProcessManager.Running(i, $"a{i}", 4_000_000 + i, time.GetUtcNow()));
        }

        var collector = new MetricsCollector(new MetricsSettings(), () => processes, time, NullLogger.Instance, []);
        for (var pass = 0; pass < 3; pass++)
        {
            // Warm-up: the reused collections reach their size.
            time.Advance(TimeSpan.FromSeconds(5));
            collector.Collect();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        time.Advance(TimeSpan.FromSeconds(5));
        collector.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"one pass with 1,000 instances: {allocated / 1024} KiB");
        Assert.Equal(1000, collector.Latest!.Processes.Count);
        Assert.True(allocated < BurstMemoryReturner.BurstBytes / 2, $"{allocated / 1024} KiB for one pass");
    }
}
