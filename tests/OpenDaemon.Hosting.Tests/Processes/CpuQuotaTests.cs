using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>
/// <see cref="CpuQuota"/> from fixture texts: mountinfo and /proc/self/cgroup name a cgroup tree that is a
/// temporary directory holding the limit files, so no test reads the live /sys.
/// </summary>
public sealed class CpuQuotaTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("150000 100000\n", 1.5)]
    [InlineData("200000 100000", 2.0)]
    [InlineData("50000 200000\n", 0.25)]
    [InlineData("300000\n", 3.0)] // no period: the kernel's default 100 ms
    public void ParseCpuMax_QuotaAndPeriod_IsTheirRatio(string text, double expected) =>
        Assert.Equal(expected, CpuQuota.ParseCpuMax(text));

    [Theory]
    [InlineData("max 100000\n")]
    [InlineData("max")]
    [InlineData("")]
    [InlineData("lots 100000")]
    [InlineData("0 100000")]
    [InlineData("100000 0")]
    public void ParseCpuMax_UnlimitedOrMalformed_IsNull(string text) =>
        Assert.Null(CpuQuota.ParseCpuMax(text));

    [Theory]
    [InlineData("50000\n", "100000\n", 0.5)]
    [InlineData("400000", "100000", 4.0)]
    public void ParseCfs_QuotaOverPeriod_IsTheirRatio(string quota, string period, double expected) =>
        Assert.Equal(expected, CpuQuota.ParseCfs(quota, period));

    [Theory]
    [InlineData("-1\n", "100000\n")] // v1's "unlimited"
    [InlineData("0", "100000")]
    [InlineData("50000", "0")]
    [InlineData("x", "100000")]
    public void ParseCfs_UnlimitedOrMalformed_IsNull(string quota, string period) =>
        Assert.Null(CpuQuota.ParseCfs(quota, period));

    [Fact]
    public void Read_V2_SmallestLimitFromTheGroupUpToTheMount()
    {
        var root = Directory.CreateDirectory(_dir.File("v2")).FullName;
        Write(root, "app.slice/od.service/cpu.max", "max 100000\n"); // the group itself: unlimited
        Write(root, "app.slice/cpu.max", "150000 100000\n");         // its parent: 1.5 CPUs
        Write(root, "cpu.max", "400000 100000\n");                   // the mount's root (ignored by the kernel, but smaller wins anyway)

        var quota = CpuQuota.Read(V2MountInfo(root), "0::/app.slice/od.service\n");

        Assert.Equal(1.5, quota);
    }

    [Fact]
    public void Read_V2WithoutAnyLimit_IsNull()
    {
        var root = Directory.CreateDirectory(_dir.File("v2")).FullName;
        Write(root, "app.slice/cpu.max", "max 100000\n");

        Assert.Null(CpuQuota.Read(V2MountInfo(root), "0::/app.slice\n"));
    }

    [Fact]
    public void Read_V1CpuController_QuotaOverPeriod()
    {
        var mount = Directory.CreateDirectory(_dir.File("cpu,cpuacct")).FullName;
        Write(mount, "docker/abc/cpu.cfs_quota_us", "200000\n");
        Write(mount, "docker/abc/cpu.cfs_period_us", "100000\n");
        Write(mount, "cpu.cfs_quota_us", "-1\n");
        Write(mount, "cpu.cfs_period_us", "100000\n");

        var quota = CpuQuota.Read(
            $"35 25 0:30 / {mount} rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,cpu,cpuacct\n",
            "5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n");

        Assert.Equal(2.0, quota);
    }

    [Fact]
    public void Read_V1UnlimitedQuota_IsNull()
    {
        var mount = Directory.CreateDirectory(_dir.File("cpu")).FullName;
        Write(mount, "g/cpu.cfs_quota_us", "-1\n");
        Write(mount, "g/cpu.cfs_period_us", "100000\n");

        Assert.Null(CpuQuota.Read($"31 30 0:28 / {mount} rw,relatime - cgroup cgroup rw,cpu\n", "4:cpu:/g\n"));
    }

    [Fact]
    public void Read_V1MountOfTheContainersOwnSubtree_PathsAreRelativeToItsRoot()
    {
        // Inside a container the cpu controller is often mounted from /docker/abc, seen at the mount point.
        var mount = Directory.CreateDirectory(_dir.File("cpu")).FullName;
        Write(mount, "cpu.cfs_quota_us", "75000\n");
        Write(mount, "cpu.cfs_period_us", "100000\n");

        var quota = CpuQuota.Read($"31 30 0:28 /docker/abc {mount} rw,relatime - cgroup cgroup rw,cpu\n", "4:cpu:/docker/abc\n");

        Assert.Equal(0.75, quota);
    }

    [Fact]
    public void Read_HybridHost_TheSmallerOfV1AndV2()
    {
        var v2 = Directory.CreateDirectory(_dir.File("unified")).FullName;
        var v1 = Directory.CreateDirectory(_dir.File("cpu")).FullName;
        Write(v2, "g/cpu.max", "300000 100000\n");
        Write(v1, "g/cpu.cfs_quota_us", "100000\n");
        Write(v1, "g/cpu.cfs_period_us", "100000\n");

        var quota = CpuQuota.Read(
            $"31 30 0:28 / {v1} rw,relatime - cgroup cgroup rw,cpu\n40 30 0:37 / {v2} rw,relatime - cgroup2 cgroup2 rw\n",
            "4:cpu:/g\n0::/g\n");

        Assert.Equal(1.0, quota);
    }

    [Fact]
    public void Read_NoCgroupFileSystem_IsNull() =>
        Assert.Null(CpuQuota.Read("25 30 0:22 / /sys rw - sysfs sysfs rw\n", "0::/\n"));

    [Theory]
    [InlineData(8, null, 8)]
    [InlineData(8, 1.5, 1)]   // rounded down: one instance at full speed, not two throttled ones
    [InlineData(8, 2.0, 2)]
    [InlineData(8, 0.5, 1)]   // never below one
    [InlineData(2, 16.0, 2)]  // the quota never adds CPUs the affinity mask lacks
    [InlineData(0, null, 1)]
    public void UsableCpus_Combine_AffinityCappedByQuota(int affinity, double? quota, int expected) =>
        Assert.Equal(expected, UsableCpus.Combine(affinity, quota));

    [Fact]
    public void UsableCpus_Count_IsBetweenOneAndTheProcessorCount() =>
        Assert.InRange(UsableCpus.Count(), 1, Environment.ProcessorCount);

    private static string V2MountInfo(string mountPoint) =>
        $"35 25 0:30 / {mountPoint} rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n";

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
