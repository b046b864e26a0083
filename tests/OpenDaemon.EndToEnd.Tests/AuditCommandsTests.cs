using System.Text;
using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>od audit</c> and <c>od audit verify</c> through the real binaries: what a user does is in the log, and tampering shows.</summary>
public sealed class AuditCommandsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Audit_AfterStartAndStop_ShowsBothWithTheCallingCliProcessAndVerifyCatchesAnEditedByte()
    {
        await using var od = new OdSandbox();
        var directory = TestApps.Write(od, "web.js", TestApps.Reporter);
        var start = od.Start("start", Path.Combine(directory, "web.js"), "--name", "web", "--setenv", "API_TOKEN=hunter2");
        await start.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, start.ExitCode);
        var stop = od.Start("stop", "web");
        await stop.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, stop.ExitCode);

        var audit = await od.RunAsync("audit", "--action", "process.*", "--json");
        var verified = await od.RunAsync("audit", "verify", "--json");

        Assert.True(audit.ExitCode == 0, audit.ToString());
        using (var json = JsonDocument.Parse(audit.StandardOutput))
        {
            var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
            var started = Assert.Single(entries, entry => entry.GetProperty("action").GetString() == "process.start");
            var stopped = Assert.Single(entries, entry => entry.GetProperty("action").GetString() == "process.stop");
            AssertCli(started, start.Id);
            AssertCli(stopped, stop.Id);
            Assert.Equal("success", stopped.GetProperty("result").GetString());
            Assert.Equal("web", stopped.GetProperty("target").GetProperty("name").GetString());
            Assert.DoesNotContain("hunter2", audit.StandardOutput, StringComparison.Ordinal);
        }

        Assert.True(verified.ExitCode == 0, verified.ToString());
        using (var json = JsonDocument.Parse(verified.StandardOutput))
        {
            Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
            Assert.True(json.RootElement.GetProperty("entries").GetInt64() >= 4);
        }

        // One byte of the process.stop line changed in place (same length): the next line no longer links to it.
        var file = Path.Combine(od.Home, "audit", "audit.jsonl");
        var bytes = await File.ReadAllBytesAsync(file);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("\"action\":\"process.stop\"", StringComparison.Ordinal) + "\"action\":\"".Length;
        bytes[at] = (byte)'P';
        await File.WriteAllBytesAsync(file, bytes);

        var broken = await od.RunAsync("audit", "verify", "--json");
        var human = await od.RunAsync("audit", "verify");

        Assert.Equal(1, broken.ExitCode);
        using (var json = JsonDocument.Parse(broken.StandardOutput))
        {
            Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(file, json.RootElement.GetProperty("broken").GetProperty("file").GetString());
            Assert.True(json.RootElement.GetProperty("broken").GetProperty("line").GetInt64() > 1);
        }

        Assert.Equal(1, human.ExitCode);
        Assert.StartsWith("BROKEN: " + file + ":", human.StandardOutput, StringComparison.Ordinal);
    }

    private static void AssertCli(JsonElement entry, int pid)
    {
        var actor = entry.GetProperty("actor");
        Assert.Equal("cli", actor.GetProperty("type").GetString());
        Assert.Equal(pid, actor.GetProperty("pid").GetInt32());
        Assert.Equal(Environment.UserName, actor.GetProperty("user").GetString());
        Assert.Equal(64, entry.GetProperty("prev").GetString()!.Length);
    }
}
