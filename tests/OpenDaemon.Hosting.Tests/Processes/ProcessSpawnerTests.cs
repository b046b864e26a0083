using System.Globalization;
using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>posix_spawn end to end: real children, real sockets, real exit statuses.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessSpawnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Spawn_ShellWritesBothStreams_ReadsToEndAndReportsExitCode()
    {
        using SpawnedProcess process = SpawnSh("echo out; echo err >&2; exit 3");

        Task<string> stdout = ReadToEndAsync(process.StandardOutput);
        Task<string> stderr = ReadToEndAsync(process.StandardError);
        ProcessExit exit = await ExitedAsync(process);

        Assert.Equal("out\n", await stdout);
        Assert.Equal("err\n", await stderr);
        Assert.Equal(new ProcessExit(3, null, false), exit);
        Assert.Equal("exit code 3", exit.ToString());
    }

    [Fact]
    public async Task Spawn_Child_LeadsItsOwnSessionAndProcessGroup()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/sleep",
            Arguments = ["30"],
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
        });

        string[] fields = StatFields(process.Pid) ?? throw new InvalidOperationException("the child is gone");
        string pid = process.Pid.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(pid, fields[2]); // process group
        Assert.Equal(pid, fields[3]); // session
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), fields[1]);

        Assert.True(Signals.SendToGroup(process.Pid, Signals.Parse("KILL")));
        Assert.Equal("SIGKILL", (await ExitedAsync(process)).SignalName);
    }

    [Fact]
    public async Task Spawn_Environment_IsExactlyTheRequestedOne()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/usr/bin/env",
            WorkingDirectory = "/",
            Environment = new Dictionary<string, string> { ["A"] = "1", ["GREETING"] = "hello world", ["UNICODE"] = "é✓" },
        });

        string output = await ReadToEndAsync(process.StandardOutput);

        Assert.Equal(["A=1", "GREETING=hello world", "UNICODE=é✓"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Equal(0, (await ExitedAsync(process)).ExitCode);
    }

    [Fact]
    public async Task Spawn_ArgumentsAndWorkingDirectory_ArePassedVerbatim()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/sh",
            Arguments = ["-c", "pwd; printf '[%s]' \"$0\" \"$@\"", "zero", "two words", "", "*"],
            WorkingDirectory = _dir.FullPath,
            Environment = MinimalEnvironment,
        });

        Assert.Equal($"{_dir.FullPath}\n[zero][two words][][*]", await ReadToEndAsync(process.StandardOutput));
    }

    [Fact]
    public async Task Spawn_Child_InheritsOnlyStdinOnDevNullAndTheTwoSockets()
    {
        // ls itself opens /proc/self/fd to list it: that one descriptor is ls's, not inherited.
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/bin/ls",
            Arguments = ["-l", "/proc/self/fd"],
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
        });

        string listing = await ReadToEndAsync(process.StandardOutput);
        // Lines look like "lr-x------ 1 root root 64 Nov 23 13:06 0 -> /dev/null".
        Dictionary<int, string> fds = listing.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 3 && parts[^2] == "->")
            .Select(parts => (Fd: int.Parse(parts[^3], CultureInfo.InvariantCulture), Target: parts[^1]))
            .Where(fd => !fd.Target.StartsWith("/proc/", StringComparison.Ordinal))
            .ToDictionary(fd => fd.Fd, fd => fd.Target);

        Assert.Equal([0, 1, 2], fds.Keys.Order());
        Assert.Equal("/dev/null", fds[0]);
        Assert.StartsWith("socket:[", fds[1], StringComparison.Ordinal);
        Assert.StartsWith("socket:[", fds[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spawn_Child_StartsWithNoIgnoredAndNoBlockedSignals()
    {
        // The runtime ignores SIGPIPE; without SETSIGDEF the app would inherit that through exec.
        using SpawnedProcess process = SpawnSh("grep -E '^Sig(Ign|Blk)' /proc/self/status");

        Dictionary<string, ulong> masks = (await ReadToEndAsync(process.StandardOutput))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(":\t"))
            .ToDictionary(parts => parts[0], parts => ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        Assert.Equal(0UL, masks["SigBlk"]);

        // Bits 31 and 32 are signals 32 and 33, glibc's internal ones: its posix_spawn sets them to
        // SIG_IGN in every child and sigfillset cannot name them. Real-time signals from 34 up are clean.
        const ulong GlibcInternalSignals = 0x1_8000_0000;
        Assert.Equal(0UL, masks["SigIgn"] & ~GlibcInternalSignals);
    }

    [Fact]
    public async Task Spawn_ChildKillsItself_ReportsTheSignal()
    {
        using SpawnedProcess process = SpawnSh("kill -TERM $$");

        ProcessExit exit = await ExitedAsync(process);

        Assert.Equal(new ProcessExit(null, 15, false), exit);
        Assert.Equal("killed by SIGTERM", exit.ToString());
    }

    [Fact]
    public async Task Spawn_MegabyteOfOutput_ArrivesCompletely()
    {
        using SpawnedProcess process = SpawnSh("head -c 1048576 /dev/zero | tr '\\0' x");

        string output = await ReadToEndAsync(process.StandardOutput);

        Assert.Equal(1 << 20, output.Length);
        Assert.Equal(0, (await ExitedAsync(process)).ExitCode);
    }

    [Fact]
    public async Task Spawn_ManyAtOnce_EachPidIsTheChildsOwn()
    {
        SpawnedProcess[] processes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => SpawnSh("echo $$"))));
        try
        {
            foreach (SpawnedProcess process in processes)
            {
                Assert.Equal(process.Pid.ToString(CultureInfo.InvariantCulture), (await ReadToEndAsync(process.StandardOutput)).Trim());
                Assert.Equal(0, (await ExitedAsync(process)).ExitCode);
            }
        }
        finally
        {
            foreach (SpawnedProcess process in processes)
            {
                process.Dispose();
            }
        }
    }

    [Fact]
    public async Task Dispose_BeforeExit_ChildIsStillReaped()
    {
        SpawnedProcess process = SpawnSh("sleep 0.2");
        process.Dispose();

        Assert.Equal(0, (await ExitedAsync(process)).ExitCode);
        Assert.Null(State(process.Pid));
    }

    [Fact]
    public void Spawn_MissingExecutable_ThrowsPlainSentence()
    {
        var error = Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(new SpawnRequest
        {
            FileName = "/nonexistent/app",
            WorkingDirectory = "/",
            Environment = MinimalEnvironment,
        }));

        Assert.Equal(2, error.Errno);
        Assert.Equal("cannot execute /nonexistent/app: No such file or directory", error.Message);
    }

    [Fact]
    public void Spawn_FileWithoutExecuteBit_ThrowsPermissionDenied()
    {
        string script = _dir.File("script.sh");
        File.WriteAllText(script, "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(Sh("") with { FileName = script, Arguments = [] }));

        Assert.Equal(13, error.Errno);
        Assert.Equal($"cannot execute {script}: Permission denied", error.Message);
    }

    [Fact]
    public void Spawn_MissingWorkingDirectory_ThrowsNamingIt()
    {
        var error = Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(Sh("true") with { WorkingDirectory = "/nonexistent/dir" }));

        Assert.Equal("cannot start /bin/sh: the working directory /nonexistent/dir does not exist", error.Message);
    }

    [Theory]
    [InlineData("nice")]
    [InlineData("umask")]
    [InlineData("user")]
    public void Spawn_ShimSettingWithoutShimExecutable_Throws(string setting)
    {
        SpawnRequest request = setting switch
        {
            "nice" => Sh("true") with { Nice = 5 },
            "umask" => Sh("true") with { Umask = Convert.ToInt32("027", 8) },
            _ => Sh("true") with { UserId = 65534 },
        };

        var error = Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(request));

        Assert.Contains("no ShimExecutable was given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spawn_InvalidRequests_AreRejectedBeforeAnythingStarts()
    {
        Assert.Contains("must be absolute", Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(Sh("true") with { FileName = "sh" })).Message, StringComparison.Ordinal);
        Assert.Contains("NUL", Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(Sh("a\0b"))).Message, StringComparison.Ordinal);
        Assert.Contains("contains '='", Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(Sh("true", new Dictionary<string, string> { ["A=B"] = "1" }))).Message, StringComparison.Ordinal);
        Assert.Contains("between -20 and 19", Assert.Throws<SpawnException>(() => ProcessSpawner.Instance.Spawn(Sh("true") with { Nice = 20, ShimExecutable = "/x" })).Message, StringComparison.Ordinal);
    }
}
