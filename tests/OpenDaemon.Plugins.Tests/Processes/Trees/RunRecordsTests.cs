using System.Runtime.Versioning;
using OpenDaemon.Plugins.ProcessManager.Trees;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes.Trees;

[SupportedOSPlatform("linux")]
public sealed class RunRecordsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_ThenReadAll_ReturnsTheRecordInAnOwnerOnlyFile()
    {
        var records = new RunRecords(_dir.File("running"));
        var record = new RunRecord { Name = "api", Id = 3, Instance = 1, Pid = 1234, StartTicks = 99, Cgroup = "/sys/fs/cgroup/x/y", Marker = "m1", KillTimeoutMs = 1600 };

        records.Write(record);
        records.Write(record with { Pid = 1235 }); // the same instance again: replaced, not added

        var (path, read) = Assert.Single(records.ReadAll());
        Assert.Equal(record with { Pid = 1235 }, read);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(records.Directory));
    }

    [Fact]
    public void ReadAll_SymlinkOrGarbageOrLeftoverTemp_IsNotTakenForARecord()
    {
        var records = new RunRecords(_dir.File("running"));
        records.Write(new RunRecord { Name = "api", Id = 0, Instance = 0, Marker = "m" });
        File.WriteAllText(_dir.File("elsewhere.json"), """{"name":"evil","id":9,"instance":0,"marker":"x","cgroup":"/sys/fs/cgroup"}""");
        File.CreateSymbolicLink(Path.Combine(records.Directory, "9-0.json"), _dir.File("elsewhere.json"));
        File.WriteAllText(Path.Combine(records.Directory, "8-0.json"), "not json");
        File.WriteAllText(Path.Combine(records.Directory, ".0-0.json.abc.tmp"), "{}");

        var all = records.ReadAll();

        Assert.Equal(["api"], all.Where(entry => entry.Record is not null).Select(entry => entry.Record!.Name));
        Assert.Equal(2, all.Count(entry => entry.Record is null)); // reported, so that recovery deletes them
        Assert.False(File.Exists(Path.Combine(records.Directory, ".0-0.json.abc.tmp")));
    }

    [Fact]
    public void Delete_WrittenRecord_IsGone()
    {
        var records = new RunRecords(_dir.File("running"));
        records.Write(new RunRecord { Name = "api", Id = 2, Instance = 0, Marker = "m" });

        records.Delete(2, 0);

        Assert.Empty(records.ReadAll());
    }
}
