using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>Reading an app run's cgroup v2 accounting: which groups are runs, and the files' formats.</summary>
public sealed class CgroupUsageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("/system.slice/od.service/opendaemon-1a2b/web-0-17", true)]
    [InlineData("/opendaemon-1a2b/api-2-3", true)]
    [InlineData("/system.slice/od.service/opendaemon-1a2b/daemon", false)]
    [InlineData("/system.slice/od.service", false)]
    [InlineData("/opendaemon-1a2b", false)]
    [InlineData("/", false)]
    public void IsRunGroup_OnlyAGroupInsideADaemonsSubtreeOtherThanItsLeaf(string group, bool run) =>
        Assert.Equal(run, CgroupUsage.IsRunGroup(group));

    [Fact]
    public void Read_CpuStatOnly_GivesCpuAndNoMemoryOrIo()
    {
        File.WriteAllText(_dir.File("cpu.stat"), "usage_usec 3500000\nuser_usec 2500000\nsystem_usec 1000000\nnr_periods 0\n");

        var figures = CgroupUsage.Read(_dir.FullPath);

        Assert.Equal(new CgroupFigures(2.5, 1.0, null, null, null), figures);
    }

    [Fact]
    public void Read_WithMemoryAndIoControllers_SumsTheDevices()
    {
        var run = Directory.CreateDirectory(_dir.File("web-0-1")).FullName;
        File.WriteAllText(_dir.File("cgroup.subtree_control"), "cpu io memory pids\n");
        File.WriteAllText(Path.Join(run, "cpu.stat"), "usage_usec 10\nuser_usec 6\nsystem_usec 4\n");
        File.WriteAllText(Path.Join(run, "memory.current"), "8388608\n");
        File.WriteAllText(Path.Join(run, "io.stat"), "8:0 rbytes=4096 wbytes=100 rios=1 wios=1 dbytes=0 dios=0\n8:16 rbytes=1 wbytes=2 rios=1 wios=1 dbytes=0 dios=0\n");

        var figures = CgroupUsage.Read(run)!.Value;

        Assert.Equal((8388608L, 4097L, 102L), (figures.MemoryBytes!.Value, figures.IoReadBytes!.Value, figures.IoWriteBytes!.Value));
        Assert.Equal(0.000006, figures.UserSeconds, 9);
    }

    [Fact]
    public void ControllersOfChildren_AreThoseTheParentEnables_AndOnlyTheirFilesAreRead()
    {
        File.WriteAllText(_dir.File("cgroup.subtree_control"), "memory pids\n");
        var run = Directory.CreateDirectory(_dir.File("web-0-1")).FullName;
        File.WriteAllText(Path.Join(run, "cpu.stat"), "user_usec 1\nsystem_usec 1\n");
        File.WriteAllText(Path.Join(run, "memory.current"), "4096\n");
        File.WriteAllText(Path.Join(run, "io.stat"), "8:0 rbytes=1 wbytes=1\n");

        var controllers = CgroupUsage.ControllersOfChildren(_dir.FullPath);
        var figures = CgroupUsage.Read(run, controllers)!.Value;

        Assert.Equal(CgroupControllers.Memory, controllers);
        Assert.Equal((4096L, (long?)null), (figures.MemoryBytes!.Value, figures.IoReadBytes));
        Assert.Equal(CgroupControllers.None, CgroupUsage.ControllersOfChildren(_dir.File("gone")));
    }

    [Fact]
    public void Read_NoCpuStat_IsNull() => Assert.Null(CgroupUsage.Read(_dir.File("gone")));

    [Fact]
    public void IoBytes_EmptyIoStat_IsNull() => Assert.Equal((null, null), CgroupUsage.IoBytes(""));

    [Fact]
    public void RunGroupOf_ThisTestProcess_IsNotARunGroup() => Assert.Null(CgroupUsage.RunGroupOf(Environment.ProcessId));
}
