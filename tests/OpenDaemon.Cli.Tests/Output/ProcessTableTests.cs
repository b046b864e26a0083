using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class ProcessTableTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_WithoutColour_AlignsColumnsAndShowsHumanValues()
    {
        ProcessSummary[] processes =
        [
            Online(0, "api") with { Pid = 4242, Restarts = 3, UptimeMs = 300_000, CpuPercent = 0.3, MemoryBytes = 12_897_485, User = "alice", Health = HealthStatus.Healthy },
            Online(1, "worker-long-name") with { Pid = 77, UptimeMs = 2 * 86_400_000L, CpuPercent = 0, MemoryBytes = 2048, User = "alice" },
        ];

        var lines = Lines(ProcessTable.Render(processes, Output(color: false), Now));

        Assert.Equal(3, lines.Length);
        Assert.Equal("id  name              mode  pid   status  health   ↺  uptime  cpu   mem      user", lines[0]);
        Assert.Equal("0   api               fork  4242  online  healthy  3  5m      0.3%  12.3 MB  alice", lines[1]);
        Assert.Equal("1   worker-long-name  fork  77    online  -        0  2D      0%    2.0 KB   alice", lines[2]);
    }

    [Fact]
    public void Render_NullMetricsOfAStoppedInstance_ShowDashes()
    {
        var stopped = Online(3, "api") with { Status = ProcessState.Stopped };

        var row = Lines(ProcessTable.Render([stopped], Output(color: false), Now))[1];

        Assert.Equal(["3", "api", "fork", "-", "stopped", "-", "0", "-", "-", "-", "-"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Render_ErroredWithScheduledRestart_ShowsTheRestartHint()
    {
        var errored = Online(0, "api") with { Status = ProcessState.Errored, NextRestartAt = Now.AddSeconds(2.2) };

        var lines = Lines(ProcessTable.Render([errored, Online(1, "web")], Output(color: false), Now));

        Assert.Contains("errored restart in 3s", lines[1], StringComparison.Ordinal);
        // The hint widens the status column for every row: the restart counts stay under ↺.
        var restarts = lines[0].IndexOf('↺', StringComparison.Ordinal);
        Assert.Equal('0', lines[1][restarts]);
        Assert.Equal('0', lines[2][restarts]);
    }

    [Fact]
    public void Render_ErroredWithoutScheduledRestart_HasNoHint()
    {
        var errored = Online(0, "api") with { Status = ProcessState.Errored };

        var row = Lines(ProcessTable.Render([errored], Output(color: false), Now))[1];

        Assert.DoesNotContain("restart", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProcessState.Online, "\u001b[32monline\u001b[0m")]
    [InlineData(ProcessState.Starting, "\u001b[33mstarting\u001b[0m")]
    [InlineData(ProcessState.Stopping, "\u001b[33mstopping\u001b[0m")]
    [InlineData(ProcessState.Stopped, "\u001b[2mstopped\u001b[0m")]
    [InlineData(ProcessState.Errored, "\u001b[31merrored\u001b[0m")]
    public void Render_WithColour_PaintsTheStatus(ProcessState state, string expected)
    {
        var row = Lines(ProcessTable.Render([Online(0, "api") with { Status = state }], Output(color: true), Now))[1];

        Assert.Contains(expected, row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, "\u001b[32mhealthy\u001b[0m")]
    [InlineData(HealthStatus.Unhealthy, "\u001b[31munhealthy\u001b[0m")]
    [InlineData(HealthStatus.Unknown, "\u001b[2munknown\u001b[0m")]
    public void Render_WithColour_PaintsTheHealth(HealthStatus health, string expected)
    {
        var row = Lines(ProcessTable.Render([Online(0, "api") with { Health = health }], Output(color: true), Now))[1];

        Assert.Contains(expected, row, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithColour_KeepsColumnsAlignedOnTheVisibleText()
    {
        ProcessSummary[] processes =
        [
            Online(0, "api") with { Status = ProcessState.Errored, NextRestartAt = Now.AddSeconds(3) },
            Online(1, "api") with { Health = HealthStatus.Unhealthy },
        ];

        var lines = Lines(ProcessTable.Render(processes, Output(color: true), Now)).Select(StripAnsi).ToArray();
        var plain = Lines(ProcessTable.Render(processes, Output(color: false), Now));

        Assert.Equal(plain, lines);
        Assert.Contains("\u001b[2mrestart in 3s\u001b[0m", ProcessTable.Render(processes, Output(color: true), Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ThousandRows_IsOneStringWithARowPerInstance()
    {
        var processes = Enumerable.Range(0, 1000)
            .Select(id => Online(id, $"app-{id}") with { Pid = 10_000 + id, UptimeMs = id * 1000L, CpuPercent = id / 10.0, MemoryBytes = id * 1_000_000L, User = "alice" })
            .ToArray();

        var table = ProcessTable.Render(processes, Output(color: true), Now);

        Assert.Equal(1001, Lines(table).Length);
    }

    private static ProcessSummary Online(int id, string name) => new()
    {
        Id = id,
        Name = name,
        Instance = 0,
        Namespace = "default",
        Mode = "fork",
        Status = ProcessState.Online,
    };

    private static CliOutput Output(bool color) => new(TextWriter.Null, TextWriter.Null, json: false, color, quiet: false, verbose: false);

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    private static string StripAnsi(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", "");
}
