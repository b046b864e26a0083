using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>maxMemory counts the whole process tree and restarts the instance when it is exceeded.</summary>
public sealed class MemoryLimitTests
{
    [Fact]
    public async Task MaxMemory_RestartsAnInstanceWhoseChildAllocatesPastTheLimit()
    {
        await using var harness = new ManagerHarness();
        // The memory is held by a child of the app's shell: only a whole-tree count sees it.
        var script = harness.Script("grow.sh", """python3 -c "import time; b = bytearray(80 * 1024 * 1024); time.sleep(1000)" """);
        await harness.StartAsync(harness.App("grow", script) with { MaxMemory = 40L * 1024 * 1024 });

        await harness.WaitForAsync("grow", row => row.Restarts >= 1, TimeSpan.FromSeconds(30));

        var history = harness.Manager.Info(["grow"]).Processes.Single().History;
        Assert.Contains(history, change => change.State == ProcessState.Stopping && change.Reason!.Contains("exceeds maxMemory 40 MB", StringComparison.Ordinal));
    }
}
