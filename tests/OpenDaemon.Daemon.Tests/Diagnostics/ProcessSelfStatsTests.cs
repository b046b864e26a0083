using OpenDaemon.Daemon.Diagnostics;

namespace OpenDaemon.Daemon.Tests.Diagnostics;

public sealed class ProcessSelfStatsTests
{
    [Fact]
    public void Parse_StatusLines_ReadsRssInBytesAndThreads()
    {
        var stats = ProcessSelfStats.Parse(["Name:\tod", "VmRSS:\t   28412 kB", "Threads:\t9"]);

        Assert.Equal(28412L * 1024, stats.ResidentBytes);
        Assert.Equal(9, stats.Threads);
    }

    [Fact]
    public void Read_ThisProcess_ReportsPlausibleFigures()
    {
        var stats = ProcessSelfStats.Read();

        Assert.True(stats.ResidentBytes > 1_000_000);
        Assert.True(stats.Threads >= 1);
    }
}
