using System.Text.Json;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// PM2 ecosystem files and flags through the real <c>od</c>: a file that exports one app, apps without a
/// name, an extensionless node file, a command line, PM2's environment, and the graceful start and
/// shutdown of PM2's documentation (process.send('ready') with wait_ready, 'shutdown' with
/// shutdown_with_message).
/// </summary>
public sealed class Pm2EcosystemTests
{
    // Writes what PM2 gives the app to <script>.env.json, then idles.
    private const string EnvReporter = """
        const fs = require('fs');
        fs.writeFileSync(process.argv[1] + '.env.json', JSON.stringify({
          pm_id: process.env.pm_id, name: process.env.name, instance: process.env.NODE_APP_INSTANCE,
          hasSend: typeof process.send === 'function',
        }));
        setInterval(() => {}, 1000);
        """;

    [Fact]
    public async Task Start_Pm2Ecosystem_NamelessBinWwwAndCommandLineRunAsPm2RunsThem()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "server.js", EnvReporter);
        Directory.CreateDirectory(Path.Combine(dir, "bin"));
        File.WriteAllText(Path.Combine(dir, "bin", "www"), EnvReporter); // no extension, no exec bit, no shebang
        File.WriteAllText(Path.Combine(dir, "ecosystem.config.js"), """
            module.exports = {
              apps: [
                { script: './bin/www', env: { NODE_ENV: 'development' } },
                { script: 'node server.js', exec_mode: 'fork' },
              ],
            };
            """);

        var start = await od.RunInAsync(dir, "start", "ecosystem.config.js");

        Assert.True(start.ExitCode == 0, start.ToString());
        var table = await TestApps.WaitForTableAsync(od, t => t.Count == 2 && t.All(p => p.Status == ProcessState.Online), "2 online apps");
        Assert.Equal(["node server", "www"], table.Select(p => p.Name).Order(StringComparer.Ordinal));
        var www = await ReadEnvAsync(Path.Combine(dir, "bin", "www"));
        Assert.Equal("0", www.GetProperty("pm_id").GetString());
        Assert.Equal("www", www.GetProperty("name").GetString());
        Assert.Equal("0", www.GetProperty("instance").GetString());
        Assert.True(www.GetProperty("hasSend").GetBoolean()); // node apps get PM2's IPC channel
        var server = await ReadEnvAsync(Path.Combine(dir, "server.js"));
        Assert.Equal("1", server.GetProperty("pm_id").GetString());
        Assert.True(server.GetProperty("hasSend").GetBoolean());
    }

    [Fact]
    public async Task Start_WaitReadyAndShutdownWithMessage_OnlineAfterReady_StopsOnTheMessageWithoutASignal()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", """
            const fs = require('fs');
            process.on('SIGINT', () => {}); // only the message stops it cleanly
            process.on('message', (message) => {
              if (message === 'shutdown') { fs.writeFileSync(__dirname + '/shutdown.txt', 'shutdown'); process.exit(0); }
            });
            const timer = setInterval(() => {
              if (fs.existsSync(__dirname + '/go')) { clearInterval(timer); process.send('ready'); }
            }, 20);
            """);
        File.WriteAllText(Path.Combine(dir, "ecosystem.json"), """
            {
              "name": "graceful",
              "script": "app.js",
              "wait_ready": true,
              "listen_timeout": 30000,
              "kill_timeout": 30000,
              "shutdown_with_message": true
            }
            """);

        var starting = od.RunInAsync(dir, "start", "ecosystem.json");
        var waiting = await TestApps.WaitForTableAsync(od, t => t.Count == 1 && t[0].Pid is not null, "the app runs");
        Assert.Equal(ProcessState.Starting, waiting[0].Status);
        Assert.False(starting.IsCompleted);

        File.WriteAllText(Path.Combine(dir, "go"), "");
        var start = await starting;

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal(ProcessState.Online, (await TestApps.ListAsync(od))[0].Status);

        var stop = await od.RunAsync("stop", "graceful");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("shutdown", File.ReadAllText(Path.Combine(dir, "shutdown.txt")));
        var exit = (await InfoAsync(od, "graceful")).GetProperty("lastExit");
        Assert.Equal(0, exit.GetProperty("exitCode").GetInt32());
        Assert.False(exit.TryGetProperty("signal", out var signal) && signal.ValueKind != JsonValueKind.Null, exit.ToString());
    }

    [Fact]
    public async Task Start_WaitReadyFlag_AppNeverReady_OnlineAfterListenTimeoutAsUnderPm2()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "silent.js", "setInterval(() => {}, 1000);\n"); // never calls process.send('ready')

        var start = await od.RunInAsync(dir, "start", "silent.js", "--wait-ready", "--listen-timeout", "300");

        Assert.True(start.ExitCode == 0, start.ToString());
        var row = (await TestApps.ListAsync(od)).Single();
        Assert.Equal(ProcessState.Online, row.Status);
        var history = (await InfoAsync(od, "silent")).GetProperty("history");
        Assert.Contains("online anyway", history[history.GetArrayLength() - 1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Pm2FlagsOnAScript_MapAndWarnLikeTheirFields()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", "setInterval(() => {}, 1000);\n");

        var start = await od.RunInAsync(dir, "start", "app.js", "--max-memory-restart", "300M", "--kill-timeout", "3000", "--watch", "--name", "flags");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.DoesNotContain("warning: od start watch: ", start.StandardOutput, StringComparison.Ordinal);
        var config = (await InfoAsync(od, "flags")).GetProperty("config");
        Assert.Equal(dir, config.GetProperty("watch").GetProperty("paths")[0].GetString());
        Assert.Equal(300L << 20, config.GetProperty("maxMemory").GetInt64());
        Assert.Equal("00:00:03", config.GetProperty("killTimeout").GetString());
    }

    [Fact]
    public async Task Start_Watch_TouchingAWatchedFileRestartsTheApp_IgnoredOnesDoNot()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "app.js", "setInterval(() => {}, 1000);\n");
        Directory.CreateDirectory(Path.Join(dir, "node_modules"));

        var start = await od.RunInAsync(dir, "start", "app.js", "--watch", "--watch-delay", "100", "--name", "watched");
        Assert.True(start.ExitCode == 0, start.ToString());
        var first = (await InfoAsync(od, "watched")).GetProperty("summary");
        var pid = first.GetProperty("pid").GetInt32();

        // An ignored change first; the watched one after it restarts the app exactly once.
        await File.WriteAllTextAsync(Path.Join(dir, "node_modules", "x.js"), "1");
        await File.AppendAllTextAsync(Path.Join(dir, "app.js"), "// changed\n");
        JsonElement summary = default;
        await Poll.UntilAsync(async () =>
        {
            summary = (await InfoAsync(od, "watched")).GetProperty("summary");
            return summary.GetProperty("restarts").GetInt32() >= 1 && summary.GetProperty("status").GetString() == "online";
        }, "the watched app restarted", TimeSpan.FromSeconds(60));
        Assert.NotEqual(pid, summary.GetProperty("pid").GetInt32());
        Assert.Equal(1, summary.GetProperty("restarts").GetInt32());
    }

    private static async Task<JsonElement> InfoAsync(OdSandbox od, string name)
    {
        var info = await od.RunAsync("info", name, "--json");
        Assert.True(info.ExitCode == 0, info.ToString());
        using var document = JsonDocument.Parse(info.StandardOutput);
        return document.RootElement.GetProperty("processes")[0].Clone();
    }

    private static async Task<JsonElement> ReadEnvAsync(string script)
    {
        var file = script + ".env.json";
        await Poll.UntilAsync(() => File.Exists(file) && new FileInfo(file).Length > 0, $"{file} was written");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.Clone();
    }
}
