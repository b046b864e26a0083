using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using OpenDaemon.Hosting.Processes;
using Xunit.Abstractions;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class ProcessTreeSamplerTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task SampleSessions_ShellWithTwoSleeps_CountsThreeProcessesWithMemory()
    {
        using SpawnedProcess process = SpawnSh("sleep 100 & sleep 100 & echo up; wait");
        Assert.Equal("up", await ReadLineAsync(process.StandardOutput));
        var sampler = new ProcessTreeSampler();

        TreeUsage usage = default;
        await Poll.UntilAsync(() => sampler.SampleSessions().TryGetValue(process.Pid, out usage) && usage.ProcessCount == 3, "both sleeps run");

        Assert.True(usage.ResidentBytes > 0);
        Assert.True(usage.CpuTicks >= 0);

        Signals.SendToGroup(process.Pid, 9);
        await ExitedAsync(process);
        await Poll.UntilAsync(() => !sampler.SampleSessions().ContainsKey(process.Pid), "the session disappears from the sample");
    }

    [Fact]
    public async Task SampleManagedSessions_UnchangedSession_IsCarriedFromThePreviousPassWithoutReadingIt()
    {
        // A busy shell: its CPU ticks keep growing, so a carried usage is told apart from a fresh one.
        using SpawnedProcess process = SpawnSh("echo up; while :; do :; done");
        Assert.Equal("up", await ReadLineAsync(process.StandardOutput));
        try
        {
            var sampler = new ProcessTreeSampler();
            var pid = new HashSet<int> { process.Pid };
            var last = sampler.SampleManagedSessions(pid, new HashSet<int>())[process.Pid];
            Assert.NotNull(last.Details);

            // Fresh while not marked unchanged: the ticks move.
            var first = last.CpuTicks;
            await Poll.UntilAsync(() => (last = sampler.SampleManagedSessions(pid, new HashSet<int>())[process.Pid]).CpuTicks > first, "the shell's CPU ticks grow");

            // Marked unchanged: the previous pass's usage, although another sampler sees the ticks move on.
            var fresh = new ProcessTreeSampler();
            await Poll.UntilAsync(() => fresh.SampleSessions()[process.Pid].CpuTicks > last.CpuTicks, "the shell runs on");
            Assert.Equal(last, sampler.SampleManagedSessions(pid, pid)[process.Pid]);

            // Not marked any more: read again.
            Assert.True(sampler.SampleManagedSessions(pid, new HashSet<int>())[process.Pid].CpuTicks > last.CpuTicks);
        }
        finally
        {
            Signals.SendToGroup(process.Pid, 9);
            await ExitedAsync(process);
        }
    }

    [Fact]
    public async Task SampleManagedSessions_OnlyManagedSessions_InEveryPassFullOrNot()
    {
        using SpawnedProcess managed = SpawnSh("echo up; sleep 100");
        using SpawnedProcess other = SpawnSh("echo up; sleep 100");
        Assert.Equal("up", await ReadLineAsync(managed.StandardOutput));
        Assert.Equal("up", await ReadLineAsync(other.StandardOutput));
        try
        {
            var sampler = new ProcessTreeSampler();
            var sessions = new HashSet<int> { managed.Pid };
            for (int pass = 0; pass < ProcessTreeSampler.FullWalkEvery + 1; pass++)
            {
                var sample = sampler.SampleManagedSessions(sessions, new HashSet<int>());
                Assert.Equal([managed.Pid], sample.Keys);
                Assert.Equal(2, sample[managed.Pid].ProcessCount); // sh and its sleep
            }
        }
        finally
        {
            Signals.SendToGroup(managed.Pid, 9);
            Signals.SendToGroup(other.Pid, 9);
            await ExitedAsync(managed);
            await ExitedAsync(other);
        }
    }

    [Fact]
    public async Task SampleSessions_PythonHolding100MiB_ReportsAtLeastThat()
    {
        // bytearray(n) is zero-filled by calloc/memset, so its pages are resident.
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/usr/bin/python3",
            Arguments = ["-c", "import sys, time\nb = bytearray(100 * 1024 * 1024)\nb[::4096] = b'x' * len(b[::4096])\nsys.stdout.write('x\\n'); sys.stdout.flush()\ntime.sleep(100)"],
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
        });
        try
        {
            Assert.Equal("x", await ReadLineAsync(process.StandardOutput));

            TreeUsage usage = new ProcessTreeSampler().SampleSessions()[process.Pid];

            output.WriteLine($"python: {usage.ResidentBytes / MiB} MiB resident, {usage.CpuTicks} ticks of {ProcessTreeSampler.ClockTicksPerSecond}/s");
            Assert.True(usage.ResidentBytes >= 100 * MiB, $"{usage.ResidentBytes} bytes");
            Assert.Equal(1, usage.ProcessCount);
        }
        finally
        {
            Signals.SendToGroup(process.Pid, 9);
            await ExitedAsync(process);
        }
    }

    [Fact]
    public async Task SampleSessions_Timing_IsReported()
    {
        // Our own session, so the sample is never empty: CI runners may start every process in session 0,
        // which the sampler skips on purpose.
        using SpawnedProcess process = SpawnSh("echo up; sleep 100");
        Assert.Equal("up", await ReadLineAsync(process.StandardOutput));
        try
        {
            var sampler = new ProcessTreeSampler();
            sampler.SampleSessions(); // warm-up (JIT, page cache)
            const int Rounds = 50;
            int processes = 0;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Rounds; i++)
            {
                processes = sampler.SampleSessions().Values.Sum(usage => usage.ProcessCount);
            }

            watch.Stop();
            long allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Rounds;

            // A measurement, not an assertion: it depends on the machine and its process count.
            output.WriteLine($"SampleSessions: {watch.Elapsed.TotalMilliseconds / Rounds:F3} ms and {allocated} bytes allocated per call over {processes} processes");
            Assert.True(processes > 0);
            Assert.Equal(100, ProcessTreeSampler.ClockTicksPerSecond);
        }
        finally
        {
            Signals.SendToGroup(process.Pid, 9);
            await ExitedAsync(process);
        }
    }

    [Theory]
    [InlineData("123 (sleep) S 1 123 123 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 500 2000000 250 18446744073709551615")]
    [InlineData("123 (we) ird (na)me) S 1 123 123 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 500 2000000 250 18446744073709551615")]
    public void ProcStat_CommWithSpacesAndParentheses_ParsesFieldsAfterTheLastParenthesis(string line)
    {
        Assert.True(ProcStat.TryParse(Encoding.ASCII.GetBytes(line), out ProcStat stat));

        Assert.Equal(new ProcStat(123, 'S', 1, 123, 7, 3, 250, StartTicks: 500, Threads: 1), stat);
    }

    [Fact]
    public void ProcStat_TruncatedLine_IsRejected() =>
        Assert.False(ProcStat.TryParse("123 (x) S 1 123 123"u8, out _));

    [Fact]
    public void ProcDetails_IoFile_ParsesTheFourCounters()
    {
        var text = "rchar: 1000\nwchar: 2000\nsyscr: 5\nsyscw: 6\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n"u8;

        Assert.True(ProcDetails.TryParseIo(text, out long readChars, out long writeChars, out long readBytes, out long writeBytes));
        Assert.Equal((1000L, 2000L, 4096L, 8192L), (readChars, writeChars, readBytes, writeBytes));
    }

    [Fact]
    public async Task SampleSessions_DetailedSession_CountsOpenFilesAndThreadsOfAChild()
    {
        // A child in its own session, never the test host's: CI runners may start every process in
        // session 0, which the sampler skips on purpose.
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/usr/bin/python3",
            Arguments = ["-c", "import sys, threading, time\nthreading.Thread(target=time.sleep, args=(100,), daemon=True).start()\nsys.stdout.write('x\\n'); sys.stdout.flush()\ntime.sleep(100)"],
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
        });
        try
        {
            Assert.Equal("x", await ReadLineAsync(process.StandardOutput));

            TreeUsage usage = new ProcessTreeSampler().SampleSessions(new HashSet<int> { process.Pid })[process.Pid];

            Assert.NotNull(usage.Details);
            Assert.True(usage.Details.Value.OpenFiles >= 3, $"open files: {usage.Details.Value.OpenFiles}");
            Assert.True(usage.Threads >= 2, $"threads: {usage.Threads}");
            Assert.Equal(usage.CpuTicks, usage.UserTicks + usage.SystemTicks);
        }
        finally
        {
            Signals.SendToGroup(process.Pid, 9);
            await ExitedAsync(process);
        }
    }

    [Fact]
    public async Task ProcDetails_CountOpenFiles_AgreesWithListingTheDirectory()
    {
        // A sleeping child: its descriptors do not change while both ways count them (ours would). Counted only
        // once it sleeps: between fork and exec it still holds descriptors that exec closes, and after exec the
        // loader and setlocale open and close files of their own.
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "100") { RedirectStandardInput = true })!;
        try
        {
            await Poll.UntilAsync(() => IsInNanosleep(child.Id), "the child has exec'd sleep and sleeps");
            int counted = ProcDetails.CountOpenFiles(child.Id);
            int listed = ProcDetails.CountByListing(child.Id);

            Assert.Equal(listed, counted);
            Assert.True(counted >= 3, $"stdin/out/err: {counted}");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    /// <summary>
    /// True once the process waits in nanosleep: the kernel names the wait channel, or, where symbol names are
    /// hidden, its current system call is nanosleep or clock_nanosleep (x86-64: 35, 230; arm64: 101, 115).
    /// </summary>
    private static bool IsInNanosleep(int pid)
    {
        string wchan = ReadProc(pid, "wchan");
        if (wchan.Contains("nanosleep", StringComparison.Ordinal))
        {
            return true;
        }

        string syscall = ReadProc(pid, "syscall").Split(' ')[0];
        bool isArm64 = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64;
        return isArm64 ? syscall is "101" or "115" : syscall is "35" or "230";
    }

    private static string ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
