using System.Diagnostics;
using OpenDaemon.Hosting.Locking;

namespace OpenDaemon.Hosting.Tests.Locking;

public sealed class ProcessLivenessTests
{
    [Fact]
    public void IsAlive_OwnProcess_IsTrue() => Assert.True(ProcessLiveness.IsAlive(Environment.ProcessId));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void IsAlive_ProcessGroupAddresses_AreNeverAlive(int pid) => Assert.False(ProcessLiveness.IsAlive(pid));

    [Fact]
    public async Task IsAlive_ExitedAndReapedProcess_IsFalse()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        using var cts = new CancellationTokenSource(TestTimeouts.Process);
        await process.WaitForExitAsync(cts.Token);

        Assert.False(ProcessLiveness.IsAlive(process.Id));
    }

    [Fact]
    public void IsAlive_InitProcess_IsTrue()
    {
        // PID 1 always exists; unless the tests run as root, kill() answers EPERM, which still means alive.
        Assert.True(ProcessLiveness.IsAlive(1));
    }
}
