using System.Diagnostics;
using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using Xunit.Abstractions;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

[Collection(nameof(ThreadCountCollection))]
[SupportedOSPlatform("linux")]
public sealed class ProcessSpawnerThreadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Spawn_FiftyChildrenWithOutputBeingRead_ThreadCountStaysFlat()
    {
        const int Children = 50;

        // Warm up: the reaper thread and the socket engine exist from the first spawn on.
        using (SpawnedProcess warmUp = SpawnSh("echo warm"))
        {
            await ReadToEndAsync(warmUp.StandardOutput);
            await ExitedAsync(warmUp);
        }

        int before = ThreadCount();
        var processes = new List<SpawnedProcess>();
        try
        {
            for (int i = 0; i < Children; i++)
            {
                processes.Add(SpawnSh("echo started; exec sleep 100"));
            }

            // Every stdout and stderr has a pending asynchronous read while we count.
            string[] firstLines = await Task.WhenAll(processes.Select(process => ReadLineAsync(process.StandardOutput)));
            Task<string>[] stderrReads = [.. processes.Select(process => ReadToEndAsync(process.StandardError, TestTimeouts.Process))];
            Task<string>[] stdoutReads = [.. processes.Select(process => ReadToEndAsync(process.StandardOutput, TestTimeouts.Process))];
            int during = ThreadCount();
            output.WriteLine($"threads: {before} before, {during} with {Children} children and {2 * Children} pending reads");

            foreach (SpawnedProcess process in processes)
            {
                Assert.True(Signals.SendToGroup(process.Pid, 9));
            }

            ProcessExit[] exits = await Task.WhenAll(processes.Select(process => process.Exited)).WaitAsync(TestTimeouts.Short);
            await Task.WhenAll(stderrReads.Concat(stdoutReads)).WaitAsync(TestTimeouts.Short);

            Assert.All(firstLines, line => Assert.Equal("started", line));
            Assert.All(exits, exit => Assert.Equal(9, exit.Signal));
            Assert.InRange(during - before, int.MinValue, 4);
        }
        finally
        {
            foreach (SpawnedProcess process in processes)
            {
                process.Dispose();
            }
        }
    }

    private static int ThreadCount()
    {
        using var self = Process.GetCurrentProcess();
        return self.Threads.Count;
    }
}
