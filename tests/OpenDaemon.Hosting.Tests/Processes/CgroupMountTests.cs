using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Hosting.Tests.Processes;

public sealed class CgroupMountTests
{
    private const string Hybrid = """
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    private const string PureV2 = """
        25 30 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
        35 25 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """;

    [Fact]
    public void FindV2MountPoint_HybridLayout_FindsTheUnifiedTreeNotTheV1Controllers() =>
        Assert.Equal("/sys/fs/cgroup/unified", CgroupMount.FindV2MountPoint(Hybrid));

    [Fact]
    public void FindV2MountPoint_PureV2WithOptionalFields_FindsSysFsCgroup() =>
        Assert.Equal("/sys/fs/cgroup", CgroupMount.FindV2MountPoint(PureV2));

    [Fact]
    public void FindV2MountPoint_OnlyV1OrABindMountOfASubgroup_IsNull()
    {
        Assert.Null(CgroupMount.FindV2MountPoint("31 30 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu"));
        Assert.Null(CgroupMount.FindV2MountPoint("40 30 0:37 /some/group /mnt/cg rw - cgroup2 cgroup2 rw"));
    }

    [Fact]
    public void FindV2MountPoint_EscapedSpaceInThePath_IsUnescaped() =>
        Assert.Equal("/mnt/cg roup", CgroupMount.FindV2MountPoint(@"40 30 0:37 / /mnt/cg\040roup rw - cgroup2 cgroup2 rw"));

    [Theory]
    [InlineData("9:name=systemd:/\n4:memory:/x\n0::/\n", "/")]
    [InlineData("0::/system.slice/od.service\n", "/system.slice/od.service")]
    [InlineData("4:memory:/x\n", null)]
    [InlineData("0::/gone (deleted)\n", null)]
    public void FindV2Group_ProcSelfCgroup_ReturnsTheV2Line(string text, string? expected) =>
        Assert.Equal(expected, CgroupMount.FindV2Group(text));
}
