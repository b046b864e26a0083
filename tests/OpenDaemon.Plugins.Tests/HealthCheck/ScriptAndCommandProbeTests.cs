using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Tests.HealthCheck.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.HealthCheck;

/// <summary>script and command checks: real processes in the app's directory, exit code, args, and a hung one killed at the timeout.</summary>
public sealed class ScriptAndCommandProbeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Script_ExitZeroWithArgs_PassesAndFailsWithTheLastLineItPrinted()
    {
        Script("check.sh", """
            if [ "$1" = "good" ] && [ "$2" = "two words" ]; then exit 0; fi
            echo "checking $1" ; echo "database unreachable" >&2 ; exit 1
            """);

        var good = await Probe.RunAsync(ScriptCheck("./check.sh", "good", "two words"), workingDirectory: _directory.FullPath);
        var bad = await Probe.RunAsync(ScriptCheck("./check.sh", "bad"), workingDirectory: _directory.FullPath);

        Assert.True(good.Passed, good.Message);
        Assert.False(bad.Passed);
        Assert.Equal($"script {_directory.File("check.sh")}: exit code 1: database unreachable", bad.Message);
    }

    [Fact]
    public async Task Script_NotExecutable_RunsThroughTheShell()
    {
        File.WriteAllText(_directory.File("plain.sh"), "test -f marker\n");
        File.WriteAllText(_directory.File("marker"), "");

        var result = await Probe.RunAsync(ScriptCheck("plain.sh"), workingDirectory: _directory.FullPath);

        Assert.True(result.Passed, result.Message);
    }

    [Fact]
    public async Task Script_Missing_Fails()
    {
        var result = await Probe.RunAsync(ScriptCheck("missing.sh"), workingDirectory: _directory.FullPath);

        Assert.False(result.Passed);
        Assert.Contains("missing.sh", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_ShellLine_PassesOnZeroAndSeesArgsAndEnvironment()
    {
        var passes = await Probe.RunAsync(CommandCheck("test \"$1\" = ok && test \"$OD_APP_NAME\" = app", "ok"), workingDirectory: _directory.FullPath);
        var fails = await Probe.RunAsync(CommandCheck("echo nope; exit 3"), workingDirectory: _directory.FullPath);

        Assert.True(passes.Passed, passes.Message);
        Assert.False(fails.Passed);
        Assert.Equal("command: exit code 3: nope", fails.Message);
    }

    [Fact]
    public async Task Command_Hung_IsKilledWithItsChildrenAtTheTimeout()
    {
        var pids = _directory.File("pids");
        var check = CommandCheck($"sleep 100 & echo $! > {pids}; echo $$ >> {pids}; wait") with { Timeout = TimeSpan.FromMilliseconds(500) };

        var result = await Probe.RunAsync(check, workingDirectory: _directory.FullPath);

        Assert.False(result.Passed);
        Assert.Equal("timed out after 0.5s", result.Message);
        var started = File.ReadAllLines(pids).Select(int.Parse).ToList();
        Assert.Equal(2, started.Count);
        await Poll.UntilAsync(() => started.All(pid => !Directory.Exists($"/proc/{pid}") || IsZombie(pid)), "the probe's shell and its sleep are gone");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private void Script(string name, string body)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static HealthCheckConfig ScriptCheck(string script, params string[] args) =>
        new() { Type = HealthCheckType.Script, Command = script, Args = args };

    private static HealthCheckConfig CommandCheck(string command, params string[] args) =>
        new() { Type = HealthCheckType.Command, Command = command, Args = args };
}
