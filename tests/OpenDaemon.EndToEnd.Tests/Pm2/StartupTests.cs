using System.Diagnostics;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary><c>od startup --print</c> for each init system, checked against its format; systemd's with systemd-analyze.</summary>
public sealed class StartupTests
{
    [SystemdAnalyzeFact]
    public async Task StartupPrint_Systemd_PassesSystemdAnalyzeVerify()
    {
        await using var od = new OdSandbox();
        var print = await od.RunAsync("startup", "systemd", "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var unit = Path.Combine(od.Home, "od-test.service");
        await File.WriteAllTextAsync(unit, print.StandardOutput);

        var verify = Run("systemd-analyze", "verify", unit);

        Assert.True(verify.ExitCode == 0, $"systemd-analyze verify failed:\n{verify.Output}\n{print.StandardOutput}");
        Assert.DoesNotContain("od-test.service:", verify.Output, StringComparison.Ordinal); // no warning about our unit
        Assert.Contains($"ExecStart={OdBinary.Path} daemon run --resurrect", print.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Environment=\"OD_HOME={od.Home}\"", print.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"User={Environment.UserName}", print.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upstart", "### BEGIN INIT INFO")]
    [InlineData("rcd", ". /etc/rc.subr")]
    [InlineData("openrc", "#!/sbin/openrc-run")]
    public async Task StartupPrint_ShellScripts_AreValidShWithDaemonStartAndOdHome(string platform, string marker)
    {
        await using var od = new OdSandbox();
        var print = await od.RunAsync("startup", platform, "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var script = Path.Combine(od.Home, platform + ".sh");
        // openrc-run scripts are sh plus a shebang sh does not use.
        await File.WriteAllTextAsync(script, print.StandardOutput);

        var syntax = Run("sh", "-n", script);

        Assert.True(syntax.ExitCode == 0, syntax.Output + "\n" + print.StandardOutput);
        Assert.Contains(marker, print.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"OD_HOME='{od.Home}'", print.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--resurrect", print.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("#!", print.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("target:", print.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupPrint_Launchd_IsAPlistThatRunsTheDaemonInTheForeground()
    {
        await using var od = new OdSandbox();
        var print = await od.RunAsync("startup", "launchd", "--print");
        Assert.True(print.ExitCode == 0, print.ToString());

        var plist = System.Xml.Linq.XDocument.Parse(print.StandardOutput);

        var strings = plist.Descendants("string").Select(element => element.Value).ToList();
        Assert.Equal([OdBinary.Path, "daemon", "run", "--resurrect"], plist.Descendants("array").Single().Elements("string").Select(element => element.Value));
        Assert.Contains(od.Home, strings);
        Assert.Contains($"od.{Environment.UserName}", strings);
    }

    [Fact]
    public async Task Startup_Windows_IsRefusedWithAReason()
    {
        await using var od = new OdSandbox();
        var startup = await od.RunAsync("startup", "windows");
        Assert.Equal(1, startup.ExitCode);
        Assert.Contains("does not support Windows", startup.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnstartupPrint_Systemd_ListsTheCommandsThatRemoveIt()
    {
        await using var od = new OdSandbox();
        var print = await od.RunAsync("unstartup", "systemd", "--print", "--service-name", "od-x");
        Assert.True(print.ExitCode == 0, print.ToString());
        Assert.Contains("systemctl disable od-x", print.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("rm -f /etc/systemd/system/od-x.service", print.StandardOutput, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{program} did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }
}
