using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Tests.Metrics;

/// <summary>Which runs a metrics pass need not read again, and what RunGroups asks the cgroup file system, over a fake one.</summary>
public sealed class RunGroupsTests
{
    private readonly Dictionary<int, string?> _groupOf = new() { [100] = "/cg/opendaemon-1/web-0-1", [200] = "/cg/opendaemon-1/api-0-1" };
    private readonly Dictionary<string, double> _cpu = new() { ["/cg/opendaemon-1/web-0-1"] = 1.0, ["/cg/opendaemon-1/api-0-1"] = 2.0 };
    private int _groupLookups;
    private int _controllerReads;

    private RunGroups Groups() => new(
        pid => { _groupLookups++; return _groupOf.GetValueOrDefault(pid); },
        _ => { _controllerReads++; return CgroupControllers.None; },
        (directory, _) => _cpu.TryGetValue(directory, out var cpu) ? new CgroupFigures(cpu, 0, null, null, null) : null);

    [Fact]
    public void ReadPass_CpuTimeThatDidNotMove_IsUnchanged_AndMovingCpuTimeIsNot()
    {
        var groups = Groups();
        Assert.Empty(groups.ReadPass([(0, 100), (1, 200)]).UnchangedPids); // nothing to compare with yet

        _cpu["/cg/opendaemon-1/api-0-1"] = 2.5;
        var (figures, unchanged) = groups.ReadPass([(0, 100), (1, 200)]);

        Assert.Equal([100], unchanged);
        Assert.Equal(2.5, figures[1].UserSeconds);
    }

    [Fact]
    public void ReadPass_AnUnchangedRun_IsReadInFullEveryTwelfthPass()
    {
        var groups = Groups();
        var unchangedPasses = Enumerable.Range(0, 3 * RunGroups.FullReadEvery).Select(_ => groups.ReadPass([(0, 100)]).UnchangedPids.Count == 1).ToList();

        Assert.Equal(3, unchangedPasses.Count(unchanged => !unchanged));
        Assert.False(unchangedPasses[RunGroups.FullReadEvery]);
        Assert.False(unchangedPasses[2 * RunGroups.FullReadEvery]);
    }

    [Fact]
    public void ReadPass_GroupLookedUpOncePerPid_ControllersOncePerPass()
    {
        var groups = Groups();
        for (var pass = 0; pass < 5; pass++)
        {
            groups.ReadPass([(0, 100), (1, 200)]);
        }

        Assert.Equal(2, _groupLookups);
        Assert.Equal(5, _controllerReads); // both groups share a parent

        _groupOf[300] = "/cg/opendaemon-1/web-0-2";
        _cpu["/cg/opendaemon-1/web-0-2"] = 1.0;
        var (_, unchanged) = groups.ReadPass([(0, 300), (1, 200)]); // instance 0 restarted as pid 300

        Assert.Equal(3, _groupLookups);
        Assert.Equal([200], unchanged); // a new run is never "unchanged", even with the old run's CPU time
    }

    [Fact]
    public void ReadPass_PidWithoutARunGroup_IsAskedAgainOnlyAfterAWhile_AndNeverUnchanged()
    {
        _groupOf[400] = null;
        var groups = Groups();
        for (var pass = 0; pass < RunGroups.FullReadEvery; pass++)
        {
            Assert.Empty(groups.ReadPass([(0, 400)]).UnchangedPids);
        }

        Assert.Equal(1, _groupLookups);
        groups.ReadPass([(0, 400)]);
        Assert.Equal(2, _groupLookups);
    }
}
