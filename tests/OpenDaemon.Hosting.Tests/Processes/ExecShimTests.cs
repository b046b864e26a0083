using System.Globalization;
using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

/// <summary>
/// The real <see cref="ExecShim.Run"/> in a real child (see <see cref="ProcessTestSupport.WriteShimScript"/>):
/// the whole path runs, spawner → shim argv → setgroups/setgid/setuid/umask/nice → execve.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ExecShimTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly TempDirectory _dir = new();
    private readonly string _shim;

    public ExecShimTests() => _shim = WriteShimScript(_dir);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Spawn_WithUserGroupUmaskAndNice_TargetRunsWithThemUnderTheSamePid()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(ShimRequest(
            "echo $$; id -u; id -g; id -G; umask; cut -d' ' -f19 /proc/self/stat; grep SigIgn /proc/self/status") with
        {
            UserId = Nobody,
            GroupId = Nobody,
            UserName = "nobody",
            Umask = Convert.ToInt32("027", 8),
            Nice = 5,
        });

        string stderr = await ReadToEndAsync(process.StandardError, TestTimeouts.Process);
        string[] lines = (await ReadToEndAsync(process.StandardOutput, TestTimeouts.Process)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("", stderr);
        Assert.Equal(
            [process.Pid.ToString(CultureInfo.InvariantCulture), "65534", "65534", "65534", "0027", "5"],
            lines[..6]);

        // The shim is a .NET process whose runtime ignores SIGPIPE; it resets that before the exec.
        // (Bits 31-32 are glibc's internal signals; see ProcessSpawnerTests.)
        Assert.Equal(0UL, ulong.Parse(lines[6].Split('\t')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & ~0x1_8000_0000UL);
        Assert.Equal(0, (await ExitedAsync(process, TestTimeouts.Process)).ExitCode);
    }

    [Fact]
    public async Task Spawn_UserWithoutGroup_DropsRootGroupForTheUsersPrimaryGroup()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(ShimRequest("id -u; id -g; id -G") with { UserId = Nobody });

        string output = await ReadToEndAsync(process.StandardOutput, TestTimeouts.Process);

        Assert.Equal("65534\n65534\n65534\n", output);
    }

    [Fact]
    public async Task Spawn_ShimCannotExecuteTarget_Exits127WithOneLineOnStderr()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(ShimRequest("true") with
        {
            FileName = "/nonexistent/app",
            Arguments = [],
            Nice = 1,
        });

        string stderr = await ReadToEndAsync(process.StandardError, TestTimeouts.Process);

        Assert.Equal("od: cannot execute /nonexistent/app: No such file or directory\n", stderr);
        Assert.Equal(ExecShim.FailureExitCode, (await ExitedAsync(process, TestTimeouts.Process)).ExitCode);
    }

    [Fact]
    public void BuildArguments_AllSettings_PrivilegedStepsFirstThenTarget()
    {
        IReadOnlyList<string> arguments = ExecShim.BuildArguments(Sh("echo hi") with
        {
            UserId = 1000,
            GroupId = 100,
            UserName = "app",
            Nice = -3,
            Umask = Convert.ToInt32("022", 8),
            CgroupPath = "/sys/fs/cgroup/od/run",
        });

        Assert.Equal(
            ["--cgroup", "/sys/fs/cgroup/od/run", "--nice", "-3", "--groups-of", "app", "--gid", "100", "--uid", "1000", "--umask", "22", "--", "/bin/sh", "-c", "echo hi"],
            arguments);
    }

    [Theory]
    [InlineData(new[] { "--uid" }, "--uid needs a value")]
    [InlineData(new[] { "--uid", "x", "--", "/bin/true" }, "invalid option --uid x")]
    [InlineData(new[] { "--umask", "99", "--", "/bin/true" }, "invalid option --umask 99")]
    [InlineData(new[] { "--bogus", "1", "--", "/bin/true" }, "invalid option --bogus 1")]
    [InlineData(new[] { "--nice", "1" }, "missing '-- FILE [ARG...]'")]
    [InlineData(new[] { "--cgroup", "relative/path", "--", "/bin/true" }, "invalid option --cgroup relative/path")]
    public void Options_Invalid_ExplainsTheProblem(string[] args, string expected)
    {
        Assert.False(ExecShimOptions.TryParse(args, out _, out string? problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Options_Cgroup_IsParsedBeforeTheTarget()
    {
        Assert.True(ExecShimOptions.TryParse(["--cgroup", "/sys/fs/cgroup/x", "--", "/bin/true", "a"], out ExecShimOptions? options, out _));
        Assert.Equal(("/sys/fs/cgroup/x", "/bin/true"), (options.CgroupPath, options.FileName));
    }

    [Fact]
    public async Task Spawn_CgroupThatDoesNotExist_Exits127AndSaysWhy()
    {
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(ShimRequest("echo started") with { CgroupPath = _dir.File("no-such-cgroup") });

        string stderr = await ReadToEndAsync(process.StandardError, TestTimeouts.Process);

        Assert.Equal("", await ReadToEndAsync(process.StandardOutput, TestTimeouts.Process));
        Assert.StartsWith("od: cannot move into the cgroup", stderr, StringComparison.Ordinal);
        Assert.Equal(ExecShim.FailureExitCode, (await ExitedAsync(process, TestTimeouts.Process)).ExitCode);
    }

    [Fact]
    public async Task Spawn_WithListenSocket_LISTEN_PIDIsTheExecedPidAndFd3IsTheSocket()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using SpawnedProcess process = ProcessSpawner.Instance.Spawn(
            ShimRequest("echo $$; echo $LISTEN_PID; readlink /proc/self/fd/3 | cut -c1-8") with { ListenSockets = [listener.Server.SafeHandle] });

        string stderr = await ReadToEndAsync(process.StandardError, TestTimeouts.Process);
        string output = await ReadToEndAsync(process.StandardOutput, TestTimeouts.Process);

        Assert.Equal("", stderr);
        string pid = process.Pid.ToString(CultureInfo.InvariantCulture);
        Assert.Equal($"{pid}\n{pid}\nsocket:[\n", output);
        Assert.Equal(0, (await ExitedAsync(process, TestTimeouts.Process)).ExitCode);
    }

    [Fact]
    public void BuildArguments_ListenSockets_AsksTheShimForLISTEN_PID()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();

        IReadOnlyList<string> arguments = ExecShim.BuildArguments(Sh("true") with { ListenSockets = [listener.Server.SafeHandle] });

        Assert.Equal(["--pid-env", "LISTEN_PID", "--", "/bin/sh", "-c", "true"], arguments);
    }

    private SpawnRequest ShimRequest(string script) => Sh(script, HostEnvironment()) with { ShimExecutable = _shim };
}
