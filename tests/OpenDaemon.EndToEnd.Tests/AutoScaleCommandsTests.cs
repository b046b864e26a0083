using System.Text.Json;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// <c>cluster.autoScale</c> through the real daemon: an app reports a gauge on OD_METRICS_SOCKET (read from a
/// file the test writes), the autoscaler scales it up past the scale-up threshold and back down below the
/// scale-down one, <c>od info</c> shows the rule and the decisions, and <c>od scale</c> outside min/max is refused.
/// </summary>
public sealed class AutoScaleCommandsTests
{
    // Reports queue_depth = the number in ./depth every 200 ms, once the daemon greeted it.
    private const string QueueApp = """
        const fs = require('fs');
        const socket = require('net').createConnection(process.env.OD_METRICS_SOCKET);
        const depth = () => Number(fs.readFileSync(__dirname + '/depth', 'utf8'));
        socket.once('data', () => setInterval(() => socket.write(JSON.stringify({ metrics: [
          { name: 'queue_depth', type: 'gauge', value: depth() },
        ] }) + '\n'), 200));
        """;

    [Fact]
    public async Task CustomGauge_AboveThenBelowItsThresholds_ScalesUpThenDown()
    {
        await using var od = new OdSandbox();
        var dir = TestApps.Write(od, "worker.js", QueueApp);
        File.WriteAllText(Path.Combine(dir, "depth"), "100");
        var config = Path.Combine(dir, "opendaemon.config.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - name: worker
                script: {{Path.Combine(dir, "worker.js")}}
                mode: cluster
                port: {{FreePorts.Next()}}
                metrics: { runtime: false }
                cluster:
                  autoScale:
                    min: 1
                    max: 3
                    scaleUp: { metric: custom, name: queue_depth, threshold: 50, duration: 1s, step: 2, cooldown: 1s }
                    scaleDown: { metric: custom, name: queue_depth, threshold: 10, duration: 1s, step: 1, cooldown: 1s }
            plugins:
              metrics-collector: { interval: 1s }
            """);

        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());
        await TestApps.WaitForTableAsync(od, t => t.Count == 3 && t.All(p => p.Status == Contracts.Processes.ProcessState.Online), "3 online instances (scaled up by 2)");

        var info = await od.RunAsync("info", "worker");
        Assert.Contains("custom:queue_depth", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 → 3", info.StandardOutput, StringComparison.Ordinal);
        var refused = await od.RunAsync("scale", "worker", "5");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("autoscales between 1 and 3", refused.StandardError, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir, "depth"), "0");
        await TestApps.WaitForTableAsync(od, t => t.Count == 1, "1 instance (scaled down one at a time)");

        var list = await od.RunAsync("info", "worker", "--json");
        using var document = JsonDocument.Parse(list.StandardOutput);
        var decisions = document.RootElement.GetProperty("processes")[0].GetProperty("autoScale").GetProperty("decisions");
        Assert.Equal(["1→3", "3→2", "2→1"], decisions.EnumerateArray().Select(d => $"{d.GetProperty("from").GetInt32()}→{d.GetProperty("to").GetInt32()}"));
    }
}
