using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// Issue 12, part 5: an app whose children leave its process group (setsid) or its parent (a double
/// fork) — `od stop`, `od delete` and `od daemon stop` leave no process of its tree, with a cgroup per
/// app (this host, as root) and with the /proc fallback (OD_CGROUPS=off).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessTreeCommandsTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "stop tree", true },
        { "delete tree", true },
        { "daemon stop", true },
        { "stop tree", false },
        { "delete tree", false },
        { "daemon stop", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_AppWithSetsidChildAndDoubleFork_LeavesNoProcessOfItsTree(string command, bool cgroups)
    {
        await using var od = new OdSandbox();
        if (!cgroups)
        {
            od.Environment["OD_CGROUPS"] = "off";
        }

        var marked = new MarkedProcesses();
        try
        {
            var directory = TestApps.Write(od, "tree.sh", "");
            var sleeper = marked.Sleeper(directory);
            var script = Path.Combine(directory, "tree.sh");
            File.WriteAllText(script, $"""
                #!/bin/sh
                setsid '{sleeper}' 701 &
                (setsid '{sleeper}' 702 &)
                exec '{sleeper}' 700
                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var start = await od.RunInAsync(directory, "start", script, "--name", "tree");
            Assert.True(start.ExitCode == 0, start.ToString());
            await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Status == ProcessState.Online, "the app is online");
            await Poll.UntilAsync(() => marked.Find().Count == 3, "the app, its setsid child and its double-forked grandchild run");

            var result = await od.RunAsync(command.Split(' '));

            Assert.True(result.ExitCode == 0, result.ToString());
            await Poll.UntilAsync(() => marked.Find().Count == 0, $"no process of the tree is left after od {command} (left: {marked.Describe()})");
        }
        finally
        {
            marked.KillAll();
        }
    }
}
