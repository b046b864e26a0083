using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Testing;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>The scheduler through the real <c>od</c>: a seconds schedule running a real job, <c>od cron</c>, <c>od info</c>, <c>od validate</c>.</summary>
public sealed class CronCommandsTests
{
    // Appends one line per run and exits 0: the file counts the runs.
    private const string Job = """
        require('fs').appendFileSync(require('path').join(__dirname, 'runs.txt'), `${Date.now()}\n`);
        """;

    [Fact]
    public async Task Start_JobWithASecondsSchedule_RunsOnTheScheduleAndKeepsHistory()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "job.js", Job);
        File.WriteAllText(Path.Combine(app, "jobs.config.yaml"), """
            apps:
              - name: tick
                script: ./job.js
                autoRestart: false
                cron: "*/2 * * * * *"
                cronTimezone: UTC
            """);
        var runs = Path.Combine(app, "runs.txt");

        var start = await od.RunInAsync(app, "start", "jobs.config.yaml");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.False(File.Exists(runs), "a job does not run before its first occurrence");
        await Poll.UntilAsync(() => File.Exists(runs) && File.ReadAllLines(runs).Length >= 2, "two scheduled runs");
        var cron = await od.RunAsync("cron", "--json");
        Assert.True(cron.ExitCode == 0, cron.ToString());
        var list = JsonSerializer.Deserialize(cron.StandardOutput, ContractsJsonContext.Default.ScheduleList)!;
        var tick = Assert.Single(list.Apps);
        Assert.Equal("job", tick.Mode);
        Assert.Equal(3, tick.NextRuns.Count);
        Assert.All(tick.NextRuns, next => Assert.Equal(0, next.Second % 2));
        await Poll.UntilAsync(async () => (await od.RunAsync("info", "tick")).StandardOutput.Contains("succeeded exit 0", StringComparison.Ordinal), "od info shows a succeeded run");
        var info = await od.RunAsync("info", "tick");
        Assert.Contains("next runs", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("*/2 * * * * * (UTC, job)", info.StandardOutput, StringComparison.Ordinal);
        var human = await od.RunAsync("cron");
        Assert.Contains("tick", human.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CronFieldOutOfRange_FailsNamingTheField()
    {
        await using var od = new OdSandbox();
        var app = TestApps.Write(od, "job.js", Job);
        File.WriteAllText(Path.Combine(app, "opendaemon.config.yaml"), "apps:\n  - name: tick\n    script: ./job.js\n    cron: \"99 * * * *\"\n");

        var validate = await od.RunInAsync(app, "validate");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("cron field 1 (minute) \"99\": 99 is out of range 0-59", validate.StandardOutput + validate.StandardError, StringComparison.Ordinal);
    }
}
