using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Tests.Metrics;

public sealed class SystemSamplerTests
{
    [Fact]
    public void Sample_TwoPassesOverKnownProcFiles_ComputesCpuShareAndReadsEveryFile()
    {
        var root = Directory.CreateTempSubdirectory("od-proc-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(root, "sys/fs"));
            Directory.CreateDirectory(Path.Join(root, "net"));
            Directory.CreateDirectory(Path.Join(root, "self"));
            File.WriteAllText(Path.Join(root, "meminfo"), "MemTotal:        2000 kB\nMemFree:          500 kB\nMemAvailable:     800 kB\nSwapTotal:        100 kB\nSwapFree:          40 kB\n");
            File.WriteAllText(Path.Join(root, "loadavg"), "0.50 0.25 0.10 1/100 999\n");
            File.WriteAllText(Path.Join(root, "sys/fs/file-nr"), "1500\t100\t9000\n");
            File.WriteAllText(Path.Join(root, "net/dev"), "Inter-|   Receive\n face |bytes\n    lo: 100 2 0 0 0 0 0 0 300 4 1 0 0 0 0 0\n");
            File.WriteAllText(Path.Join(root, "self/mounts"), $"/dev/root {Path.GetTempPath().TrimEnd('/')} ext4 rw 0 0\nproc /proc proc rw 0 0\n");
            var sampler = new SystemSampler(root);
            File.WriteAllText(Path.Join(root, "stat"), "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\ncpu1 50 0 50 400 0 0 0 0 0 0\nintr 1\n");
            var first = sampler.Sample();

            // 100 more ticks per core: cpu0 75 busy, cpu1 25 busy.
            File.WriteAllText(Path.Join(root, "stat"), "cpu  200 0 200 1000 0 0 0 0 0 0\ncpu0 125 0 50 425 0 0 0 0 0 0\ncpu1 75 0 50 475 0 0 0 0 0 0\n");
            var second = sampler.Sample();

            Assert.Null(first.CpuPercent);
            Assert.Equal(50, second.CpuPercent);
            Assert.Equal([75.0, 25.0], second.CpuPerCore);
            Assert.Equal(2000 * 1024, second.MemoryTotalBytes);
            Assert.Equal(1200 * 1024, second.MemoryUsedBytes);
            Assert.Equal(40 * 1024, second.SwapFreeBytes);
            Assert.Equal([0.5, 0.25, 0.1], second.LoadAverage);
            Assert.Equal(1400, second.OpenFiles);
            Assert.Equal(9000, second.MaxOpenFiles);
            var lo = Assert.Single(second.Networks);
            Assert.Equal(("lo", 100L, 300L, 1L), (lo.Interface, lo.ReceiveBytes, lo.TransmitBytes, lo.TransmitErrors));
            var disk = Assert.Single(second.Disks); // proc is not a real mount
            Assert.Equal("/dev/root", disk.Device);
            Assert.True(disk.TotalBytes > 0);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
