using System.Diagnostics;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests.Pm2;

/// <summary><c>od import pm2</c> of a dump written by a real <c>pm2 save</c> (PM2 from npm, its own PM2_HOME).</summary>
public sealed class ImportPm2Tests(Pm2Installation pm2) : IClassFixture<Pm2Installation>
{
    [NpmFact]
    public async Task ImportPm2_RealDump_WritesConfigAndStartsTheApps()
    {
        Assert.True(pm2.InstallError is null, pm2.InstallError);
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", TestApps.Reporter);
        await File.WriteAllTextAsync(Path.Combine(dir, "ecosystem.config.js"), """
            module.exports = { apps: [
              { name: 'web', script: './app.js', args: '--port 3000', instances: 2, namespace: 'front', time: true, env: { FOO: 'from-pm2' } },
              { name: 'py', script: 'worker.py', interpreter: 'python3', autorestart: false },
            ]};
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "worker.py"), "import time\nwhile True: time.sleep(1)\n");
        var pm2Home = Path.Combine(od.Home, "pm2home");
        try
        {
            Assert.Equal(0, Pm2(pm2Home, dir, "start", "ecosystem.config.js"));
            Assert.Equal(0, Pm2(pm2Home, dir, "save"));
        }
        finally
        {
            Pm2(pm2Home, dir, "kill");
        }

        var dump = Path.Combine(pm2Home, "dump.pm2");
        var config = Path.Combine(od.Home, "imported.json");
        var write = await od.RunAsync("import", "pm2", dump, "--config", config);
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.False(od.DaemonHoldsLock); // --config writes only
        using (var written = JsonDocument.Parse(await File.ReadAllTextAsync(config)))
        {
            var apps = written.RootElement.GetProperty("apps").EnumerateArray().ToDictionary(app => app.GetProperty("name").GetString()!);
            Assert.Equal(["py", "web"], apps.Keys.Order(StringComparer.Ordinal));
            var web = apps["web"];
            Assert.Equal(Path.Combine(dir, "app.js"), web.GetProperty("script").GetString());
            Assert.Equal(2, web.GetProperty("instances").GetInt32());
            Assert.Equal("front", web.GetProperty("namespace").GetString());
            Assert.Equal(["--port", "3000"], web.GetProperty("args").EnumerateArray().Select(arg => arg.GetString()));
            Assert.Equal("from-pm2", web.GetProperty("env").GetProperty("FOO").GetString());
            Assert.False(web.GetProperty("env").TryGetProperty("PATH", out _)); // inherited from the shell, not the app's
            Assert.Equal("YYYY-MM-DDTHH:mm:ss", web.GetProperty("logs").GetProperty("timestampFormat").GetString());
            Assert.Equal("python3", apps["py"].GetProperty("interpreter").GetString());
            Assert.False(apps["py"].GetProperty("autoRestart").GetBoolean());
        }

        var again = await od.RunAsync("import", "pm2", dump, "--config", config);
        Assert.Contains("CONFIG_EXISTS", again.StandardError, StringComparison.Ordinal);

        var import = await od.RunAsync("import", "pm2", dump, "--json");
        Assert.True(import.ExitCode == 0, import.ToString());
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == ProcessState.Online), "imported apps online");
        Assert.Equal(["py", "web", "web"], table.Select(p => p.Name).Order(StringComparer.Ordinal));
        await Poll.UntilAsync(() => TestApps.ReadReport(dir, 1) is { Foo: "from-pm2" }, "web sees FOO from the dump");
        var env = await od.RunAsync("env", "web", "--json");
        Assert.Contains(JsonSerializer.Deserialize(env.StandardOutput, ContractsJsonContext.Default.ProcessEnvironment)!.Variables, v => v.Name == "FOO" && v.Value == "from-pm2");
    }

    private int Pm2(string pm2Home, string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(pm2.Binary) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PM2_HOME"] = pm2Home;
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"pm2 {string.Join(' ', arguments)} did not finish");
        return process.ExitCode;
    }
}
