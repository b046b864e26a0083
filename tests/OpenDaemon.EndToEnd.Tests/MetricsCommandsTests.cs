using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.EndToEnd.Tests.Pm2;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>od metrics</c>, <c>od top</c> and the Prometheus listener through the real binaries.</summary>
public sealed class MetricsCommandsTests
{
    [PromtoolFact]
    public async Task Metrics_DefaultOutput_IsPrometheusTextThatPromtoolAccepts()
    {
        await using var od = new OdSandbox();
        await StartAsync(od, FreePorts.Next());

        var metrics = await od.RunAsync("metrics");

        Assert.True(metrics.ExitCode == 0, metrics.ToString());
        Assert.Contains("# TYPE od_process_resident_memory_bytes gauge", metrics.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("od_process_up{name=\"sleeper\",id=\"1\",instance=\"1\",namespace=\"default\",team=\"core \\\"q\\\"\",x_y=\"1\"} 1", metrics.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("od_system_memory_total_bytes ", metrics.StandardOutput, StringComparison.Ordinal);
        var (exit, problems) = await PromtoolAsync(metrics.StandardOutput);
        Assert.True(exit == 0 && problems.Length == 0, $"promtool check metrics: exit {exit}: {problems}");
    }

    [PromtoolFact]
    public async Task NodeApps_ReportHeapAndEventLoopThroughThePreload_UnlessTheyOptOut()
    {
        await using var od = new OdSandbox();
        var script = Path.Combine(TestApps.Write(od, "busy.js", "setInterval(() => { const end = Date.now() + 30; while (Date.now() < end) {} }, 100);\n"), "busy.js");
        var config = Path.Combine(od.Home, "node.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - { name: busy, script: {{script}} }
              - { name: quiet, script: {{script}}, metrics: { runtime: false } }
            plugins:
              metrics-collector: { interval: 1s }
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());

        MetricSnapshotRows? rows = null;
        await Poll.UntilAsync(async () =>
        {
            var metrics = await od.RunAsync("metrics", "--json");
            rows = metrics.ExitCode == 0 ? MetricSnapshotRows.Of(metrics.StandardOutput) : null;
            return rows?.Busy.Runtime is { GcCount: > 0 };
        }, () => $"busy reports its runtime; last: {rows}", TimeSpan.FromSeconds(60));

        var busy = rows!.Busy.Runtime!;
        Assert.Equal(1, busy.Processes);
        Assert.True(busy.HeapUsedBytes > 0 && busy.HeapUsedBytes <= busy.HeapTotalBytes, $"heap {busy.HeapUsedBytes} of {busy.HeapTotalBytes}");
        // A 30 ms busy loop every 100 ms: the loop is late by up to 30 ms and busy about a third of the time.
        Assert.InRange(busy.EventLoopDelayMaxMs, 10, 10_000);
        Assert.InRange(busy.EventLoopUtilization, 0.05, 1);
        Assert.Null(rows.Quiet.Runtime);
        // What the processes really got (od env leaves the daemon's own variables out).
        Assert.Contains("runtime-preload", EnvironmentOf(rows.Busy.Pid!.Value), StringComparison.Ordinal);
        Assert.DoesNotContain("runtime-preload", EnvironmentOf(rows.Quiet.Pid!.Value), StringComparison.Ordinal);
        Assert.Contains("OD_METRICS_SOCKET=", EnvironmentOf(rows.Quiet.Pid!.Value), StringComparison.Ordinal); // its own series still reach the daemon

        var text = await od.RunAsync("metrics");
        Assert.Contains("od_node_eventloop_delay_p99_seconds{name=\"busy\",id=\"0\",instance=\"0\",namespace=\"default\"} ", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("# TYPE od_node_gc_total counter", text.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("od_node_heap_used_bytes{name=\"quiet\"", text.StandardOutput, StringComparison.Ordinal);
        var (exit, problems) = await PromtoolAsync(text.StandardOutput);
        Assert.True(exit == 0 && problems.Length == 0, $"promtool check metrics: exit {exit}: {problems}");
    }

    [PromtoolFact]
    public async Task AppSeries_ReportedOverTheRuntimeSocket_BecomeOdAppFamiliesThatPromtoolAccepts()
    {
        await using var od = new OdSandbox();
        // The wire protocol itself, as opendaemon/runtime and OpenDaemon.Runtime speak it: wait for the greeting, send a line.
        var app = """
            const socket = require('net').createConnection(process.env.OD_METRICS_SOCKET);
            socket.once('data', () => setInterval(() => socket.write(JSON.stringify({ metrics: [
              { name: 'orders_placed', type: 'counter', help: 'Orders placed.', labels: { region: 'eu "west"' }, value: 5 },
              { name: 'queue_depth', type: 'gauge', value: 3 },
              { name: 'checkout_seconds', type: 'histogram', buckets: [{ le: 0.5, count: 1 }, { le: 1, count: 2 }], sum: 1.2, count: 3 },
              { name: 'broken', type: 'counter', value: -1 },
            ] }) + '\n'), 200));
            """;
        var script = Path.Combine(TestApps.Write(od, "shop.js", app), "shop.js");
        var config = Path.Combine(od.Home, "shop.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - { name: shop, script: {{script}}, metrics: { runtime: false } }
            plugins:
              metrics-collector: { interval: 1s }
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());

        var text = "";
        await Poll.UntilAsync(async () =>
        {
            text = (await od.RunAsync("metrics", "shop")).StandardOutput;
            return text.Contains("od_app_orders_placed_total", StringComparison.Ordinal);
        }, () => $"shop's series in od metrics; last: {text}", TimeSpan.FromSeconds(60));

        Assert.Contains("od_app_orders_placed_total{name=\"shop\",id=\"0\",instance=\"0\",namespace=\"default\",region=\"eu \\\"west\\\"\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("od_app_checkout_seconds_bucket{name=\"shop\",id=\"0\",instance=\"0\",namespace=\"default\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE od_app_queue_depth gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", text, StringComparison.Ordinal);
        var (exit, problems) = await PromtoolAsync(text);
        Assert.True(exit == 0 && problems.Length == 0, $"promtool check metrics: exit {exit}: {problems}");
    }

    [PromtoolFact]
    public async Task DotnetApp_WithOpenDaemonRuntime_ReportsItsMeterAndTheRuntimes()
    {
        await using var od = new OdSandbox();
        // The sample's apphost, built with the solution (this project references it for the build order).
        var sample = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "DotnetMetrics", "debug", "dotnet-metrics"));
        var config = Path.Combine(od.Home, "shop.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - { name: shop, script: {{sample}}, interpreter: none }
            plugins:
              metrics-collector: { interval: 1s }
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());

        var text = "";
        await Poll.UntilAsync(async () =>
        {
            text = (await od.RunAsync("metrics", "shop")).StandardOutput;
            return text.Contains("od_app_orders_placed_total", StringComparison.Ordinal) && text.Contains("od_app_checkout_seconds_count", StringComparison.Ordinal);
        }, () => $"the sample's series in od metrics; last: {text}", TimeSpan.FromSeconds(60));

        Assert.Matches("""(?m)^od_app_orders_placed_total\{name="shop",id="0",instance="0",namespace="default",region="eu"\} [1-9][0-9]*$""", text);
        Assert.Contains("# HELP od_app_checkout_seconds Time to check out.\n", text, StringComparison.Ordinal);
        Assert.Contains("od_app_checkout_seconds_bucket{name=\"shop\",id=\"0\",instance=\"0\",namespace=\"default\",le=\"0.005\"} ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE od_app_dotnet_gc_collections_total counter\n", text, StringComparison.Ordinal);
        var (exit, problems) = await PromtoolAsync(text);
        Assert.True(exit == 0 && problems.Length == 0, $"promtool check metrics: exit {exit}: {problems}");
    }

    [RootFact]
    public async Task AppWithItsOwnCgroup_CountsTheCpuOfAChildThatLeftItsSession()
    {
        await using var od = new OdSandbox();
        // The busy loop leaves the app's session: the /proc pass (by session) does not see it, the run's cgroup does.
        var directory = TestApps.Write(od, "spin.sh", "#!/bin/sh\nsetsid sh -c 'while :; do :; done' &\nexec sleep 100000\n");
        var config = Path.Combine(od.Home, "spin.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - { name: spin, script: /bin/sh, args: ["{{Path.Combine(directory, "spin.sh")}}"], interpreter: none }
            plugins:
              metrics-collector: { interval: 1s }
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());

        ProcessMetrics? row = null;
        await Poll.UntilAsync(async () =>
        {
            var metrics = await od.RunAsync("metrics", "spin", "--json");
            row = metrics.ExitCode == 0 ? JsonSerializer.Deserialize(metrics.StandardOutput, ContractsJsonContext.Default.MetricSnapshot)?.Processes.SingleOrDefault() : null;
            return row?.Cgroup is { } cgroup && cgroup.CpuUserSeconds + cgroup.CpuSystemSeconds >= 0.5;
        }, () => $"the cgroup's CPU reaches 0.5 s; last row: {row}", TimeSpan.FromSeconds(60));

        var sessionSeconds = row!.CpuUserSeconds!.Value + row.CpuSystemSeconds!.Value;
        var cgroupSeconds = row.Cgroup!.CpuUserSeconds + row.Cgroup.CpuSystemSeconds;
        Assert.True(sessionSeconds < cgroupSeconds / 2, $"session {sessionSeconds} s, cgroup {cgroupSeconds} s");
        var text = await od.RunAsync("metrics", "spin");
        Assert.Contains("od_process_cgroup_cpu_user_seconds_total{name=\"spin\"", text.StandardOutput, StringComparison.Ordinal);
        Assert.True((await od.RunAsync("delete", "spin")).ExitCode == 0);
    }

    [Fact]
    public async Task PrometheusListener_Get_ServesTheSameTextOverHttp()
    {
        await using var od = new OdSandbox();
        var port = FreePorts.Next();
        await StartAsync(od, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        var body = await response.Content.ReadAsStringAsync();
        using var missing = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/nothing-here"));
        using var post = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/metrics"), new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("od_process_resident_memory_bytes{name=\"sleeper\",id=\"0\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task MetricsAndTop_JsonHistoryAndErrors_AnswerAsDocumented()
    {
        await using var od = new OdSandbox();
        await StartAsync(od, FreePorts.Next());

        var json = await od.RunAsync("metrics", "sleeper", "--json");
        var unknown = await od.RunAsync("metrics", "nope");
        var beyond = await od.RunAsync("metrics", "sleeper", "--range", "2h");
        var history = await od.RunAsync("metrics", "sleeper", "--range", "1m", "--json");
        var top = await od.RunAsync("top", "--sort", "mem");

        Assert.True(json.ExitCode == 0, json.ToString());
        var snapshot = JsonSerializer.Deserialize(json.StandardOutput, ContractsJsonContext.Default.MetricSnapshot)!;
        Assert.Null(snapshot.System); // only the machine's figures when no app is named
        Assert.Equal(2, snapshot.Processes.Count);
        Assert.All(snapshot.Processes, row => Assert.True(row.MemoryBytes > 0 && row.Threads >= 1 && row.OpenFiles >= 1, json.StandardOutput));

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("PROCESS_NOT_FOUND", unknown.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, beyond.ExitCode);
        Assert.Contains("INVALID_PARAMS: range 2h is beyond the metrics retention of 1h", beyond.StandardError, StringComparison.Ordinal);

        Assert.True(history.ExitCode == 0, history.ToString());
        var points = JsonSerializer.Deserialize(history.StandardOutput, ContractsJsonContext.Default.MetricHistory)!;
        Assert.Equal(1000, points.StepMs);
        Assert.All(points.Processes, series => Assert.NotEmpty(series.Points));

        Assert.True(top.ExitCode == 0, top.ToString());
        Assert.Contains("sorted by memory", top.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("sleeper [1]", top.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonStatus_OtlpEndpointDown_ShowsTheExporterFailingWhileCollectionGoesOn()
    {
        await using var od = new OdSandbox();
        var config = Path.Combine(od.Home, "otlp.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - { name: sleeper, script: /bin/sleep, args: ["600"] }
            plugins:
              metrics-collector:
                interval: 1s
                otlp: { endpoint: "http://127.0.0.1:{{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}}/v1/metrics", interval: 1s }
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());

        DaemonStatusInfo? status = null;
        await Poll.UntilAsync(async () =>
        {
            var json = await od.RunAsync("daemon", "status", "--json");
            status = json.ExitCode == 0 ? JsonSerializer.Deserialize(json.StandardOutput, ContractsJsonContext.Default.DaemonStatusInfo) : null;
            return status?.Exporters is [{ Failed: >= 2 }];
        }, "two failed OTLP pushes in od daemon status", TimeSpan.FromSeconds(60));
        var human = await od.RunAsync("daemon", "status");
        var metrics = await od.RunAsync("metrics", "sleeper", "--json");

        var exporter = status!.Exporters![0];
        Assert.Equal("otlp", exporter.Name);
        Assert.Equal(0, exporter.Sent);
        Assert.NotNull(exporter.LastError);
        Assert.NotNull(exporter.RetryAt);
        Assert.Contains("metrics  otlp → http://127.0.0.1:", human.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 sent", human.StandardOutput, StringComparison.Ordinal);
        Assert.True(metrics.ExitCode == 0, metrics.ToString()); // collection goes on
        Assert.Contains("\"memoryBytes\"", metrics.StandardOutput, StringComparison.Ordinal);
    }

    // A daemon started with a config of two sleepers (with labels) and a 1 s collector, once both appear with memory.
    private static async Task StartAsync(OdSandbox od, int port)
    {
        var config = Path.Combine(od.Home, "metrics.yaml");
        File.WriteAllText(config, $$"""
            apps:
              - name: sleeper
                script: /bin/sleep
                args: ["600"]
                instances: 2
                metrics:
                  interval: 1s
                  labels: { team: 'core "q"', "x-y": "1" }
            plugins:
              metrics-collector:
                interval: 1s
                prometheus: { listen: "127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}}" }
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());
        await Poll.UntilAsync(async () =>
        {
            var metrics = await od.RunAsync("metrics", "--json");
            return metrics.ExitCode == 0
                && JsonSerializer.Deserialize(metrics.StandardOutput, ContractsJsonContext.Default.MetricSnapshot) is { } snapshot
                && snapshot.Processes.Count == 2 && snapshot.Processes.All(row => row.MemoryBytes > 0 && row.CpuPercent is not null);
        }, "both sleepers measured twice", TimeSpan.FromSeconds(60));
    }

    private sealed record MetricSnapshotRows(ProcessMetrics Busy, ProcessMetrics Quiet)
    {
        public static MetricSnapshotRows? Of(string json) =>
            JsonSerializer.Deserialize(json, ContractsJsonContext.Default.MetricSnapshot) is { } snapshot
                && snapshot.Processes.FirstOrDefault(row => row.Name == "busy") is { } busy
                && snapshot.Processes.FirstOrDefault(row => row.Name == "quiet") is { } quiet
                ? new MetricSnapshotRows(busy, quiet)
                : null;
    }

    private static string EnvironmentOf(int pid) => File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n');

    private static async Task<(int Exit, string Problems)> PromtoolAsync(string text)
    {
        using var promtool = Process.Start(new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = promtool.StandardOutput.ReadToEndAsync();
        var stderr = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (promtool.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

}
