using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Launching;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>Which program runs a script when the config names no interpreter.</summary>
public sealed class InterpreterTests
{
    [Theory]
    [InlineData("app.js", "node")]
    [InlineData("app.mjs", "node")]
    [InlineData("app.cjs", "node")]
    [InlineData("app.ts", "node")]
    [InlineData("worker.py", "python3")]
    [InlineData("Api.dll", "dotnet")]
    [InlineData("run.sh", null)]
    [InlineData("redis-server", null)]
    public void Infer_ByExtension(string script, string? expected) =>
        Assert.Equal(expected, InterpreterInference.Infer(null, script));

    [Fact]
    public void Infer_NoneForcesDirectExecution_AndAnExplicitOneWins()
    {
        Assert.Null(InterpreterInference.Infer("none", "app.js"));
        Assert.Equal("bun", InterpreterInference.Infer("bun", "app.js"));
    }

    [Fact]
    public async Task APythonScript_RunsUnderPython3WithItsArguments()
    {
        await using var harness = new ManagerHarness();
        var output = Path.Combine(harness.Directory, "argv");
        var script = Path.Combine(harness.Directory, "echo.py");
        File.WriteAllText(script, $"import sys, time\nopen('{output}', 'w').write(' '.join(sys.argv[1:]))\ntime.sleep(1000)\n");

        await harness.Manager.StartAsync(new ProcessStartParams { Target = "echo.py", WorkingDirectory = harness.Directory, Args = ["a b", "c"] }, CancellationToken.None);

        await harness.WaitForAsync("echo", _ => File.Exists(output) && new FileInfo(output).Length > 0);
        Assert.Equal("a b c", File.ReadAllText(output));
        var command = harness.Manager.Info(["echo"]).Processes.Single().Command!;
        Assert.Equal("python3", Path.GetFileName(command.FileName));
        Assert.Equal([script, "a b", "c"], command.Arguments);
    }

    [Fact]
    public async Task TypeScript_OnANodeWithoutTypeStripping_SaysWhichNodeIsNeeded()
    {
        var node = ExecutableResolver.Resolve("node", "/", Environment.GetEnvironmentVariable("PATH"));
        var version = node is null ? null : await NodeVersionProbe.GetAsync(node, CancellationToken.None);
        if (version is null || version >= InterpreterInference.TypeStrippingSince)
        {
            // No node, or one that strips types itself: the error path below does not apply.
            return;
        }

        await using var harness = new ManagerHarness();
        File.WriteAllText(Path.Combine(harness.Directory, "app.ts"), "const x: number = 1;\n");

        var error = await Assert.ThrowsAsync<DaemonException>(() =>
            harness.Manager.StartAsync(new ProcessStartParams { Target = "app.ts", WorkingDirectory = harness.Directory }, CancellationToken.None));

        Assert.Equal(ErrorCode.ProcessStartFailed, error.Code);
        Assert.Contains("22.6", error.Message, StringComparison.Ordinal);
        Assert.Contains("tsx", error.Hint, StringComparison.Ordinal);
    }
}
