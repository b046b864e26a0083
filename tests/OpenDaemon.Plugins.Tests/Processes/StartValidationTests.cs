using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Launching;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>Bad input to process.start: one error with its code and hint, and nothing changed.</summary>
public sealed class StartValidationTests
{
    [Fact]
    public async Task MissingScript_IsProcessStartFailedNamingThePathAndCwd()
    {
        await using var harness = new ManagerHarness();

        var error = await StartFailsAsync(harness, new ProcessStartParams { Target = "./nope.js", WorkingDirectory = harness.Directory });

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains("nope.js", error.Message, StringComparison.Ordinal);
        Assert.Contains(harness.Directory, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public async Task MissingCwd_IsProcessStartFailed()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("ok.sh", "exec sleep 1000");

        var error = await StartFailsAsync(harness, new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Cwd = "/does/not/exist" });

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains("cwd /does/not/exist does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInterpreter_IsProcessStartFailed()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("app.rb", "puts 1");

        var error = await StartFailsAsync(harness, new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Interpreter = "no-such-ruby" });

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains("interpreter 'no-such-ruby' not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateNameOfARunningApp_IsProcessAlreadyExists()
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("ok.sh", "exec sleep 1000");
        await harness.Manager.StartAsync(new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Name = "api" }, CancellationToken.None);
        var pid = harness.Row("api").Pid;

        var error = await Assert.ThrowsAsync<DaemonException>(() =>
            harness.Manager.StartAsync(new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Name = "api" }, CancellationToken.None));

        Assert.Equal(ErrorCode.ProcessAlreadyExists, error.Code);
        Assert.Single(harness.Manager.List().Processes);
        Assert.Equal(pid, harness.Row("api").Pid);
    }

    [Fact]
    public async Task UnknownTarget_IsProcessNotFound()
    {
        await using var harness = new ManagerHarness();

        var error = await Assert.ThrowsAsync<DaemonException>(() => harness.Manager.StopAsync(["ghost"], CancellationToken.None));

        Assert.Equal(ErrorCode.ProcessNotFound, error.Code);
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    public async Task InvalidInstances_IsInvalidParams(string instances)
    {
        await using var harness = new ManagerHarness();
        var script = harness.Script("ok.sh", "exec sleep 1000");

        var error = await StartFailsAsync(harness, new ProcessStartParams { Target = script, WorkingDirectory = harness.Directory, Instances = instances });

        Assert.Equal(ErrorCode.InvalidParams, error.Code);
    }

    [Fact]
    public async Task AConfigFileWithOneBadApp_StartsNone()
    {
        await using var harness = new ManagerHarness();
        var good = harness.Script("good.sh", "exec sleep 1000");
        var config = Path.Combine(harness.Directory, "apps.yaml");
        File.WriteAllText(config, $"apps:\n  - name: good\n    script: {good}\n  - name: bad\n    script: ./missing.sh\n");

        var error = await StartFailsAsync(harness, new ProcessStartParams { Target = "apps.yaml", WorkingDirectory = harness.Directory });

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains("app bad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwitchingUserWithoutRoot_IsPermissionDenied()
    {
        var error = Assert.Throws<DaemonException>(() => PrivilegeCheck.Verify("api", uid: 33, gid: null, effectiveUid: 1000, effectiveGid: 1000));

        Assert.Equal(ErrorCode.PermissionDenied, error.Code);
        Assert.Contains("uid 33", error.Message, StringComparison.Ordinal);
        PrivilegeCheck.Verify("api", uid: 1000, gid: 1000, effectiveUid: 1000, effectiveGid: 1000);
        PrivilegeCheck.Verify("api", uid: 33, gid: 33, effectiveUid: 0, effectiveGid: 0);
    }

    private static async Task<DaemonException> StartFailsAsync(ManagerHarness harness, ProcessStartParams request)
    {
        var error = await Assert.ThrowsAsync<DaemonException>(() => harness.Manager.StartAsync(request, CancellationToken.None));
        Assert.Empty(harness.Manager.List().Processes);
        return error;
    }
}
