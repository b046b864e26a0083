using System.Globalization;
using OpenDaemon.Contracts.Scheduling;

namespace OpenDaemon.Cli.Output;

/// <summary>How a cron schedule reads in <c>od cron</c> and <c>od info</c>: next runs, last runs with outcome and duration.</summary>
internal static class ScheduleView
{
    /// <summary>The <c>od cron</c> table: one row per scheduled app.</summary>
    public static IEnumerable<string> Table(ScheduleList list, CliOutput output, DateTimeOffset now)
    {
        var table = new TextTable("name", "cron", "timezone", "mode", "next run", "last run");
        foreach (var app in list.Apps)
        {
            table.AddRow(app.Name, app.Cron, app.Timezone, app.Mode, Next(app, now), app.LastRuns.Count == 0 ? "-" : Run(app.LastRuns[0], output));
        }

        return table.Render(output);
    }

    /// <summary>The lines <c>od info</c> adds for a scheduled app.</summary>
    public static IEnumerable<string> Detail(ScheduledApp app, CliOutput output, DateTimeOffset now, int labelWidth)
    {
        string Label(string label) => label.PadRight(labelWidth);
        yield return $"{Label("cron")}{app.Cron} {output.Dim($"({app.Timezone}, {app.Mode})")}";
        yield return $"{Label("next runs")}{(app.NextRuns.Count == 0 ? "-" : string.Join(", ", app.NextRuns.Select(HumanFormat.Timestamp)))}";
        if (app.NextRuns.Count > 0)
        {
            yield return $"{Label(string.Empty)}{output.Dim(Next(app, now))}";
        }

        yield return $"{Label("last runs")}{(app.LastRuns.Count == 0 ? "-" : Run(app.LastRuns[0], output))}";
        foreach (var run in app.LastRuns.Skip(1).Take(4))
        {
            yield return $"{Label(string.Empty)}{Run(run, output)}";
        }
    }

    private static string Next(ScheduledApp app, DateTimeOffset now) =>
        app.NextRuns.Count == 0 ? "never" : $"in {HumanFormat.Duration(app.NextRuns[0] - now)} ({HumanFormat.Timestamp(app.NextRuns[0])})";

    private static string Run(ScheduledRun run, CliOutput output)
    {
        var outcome = run.Outcome switch
        {
            "succeeded" => output.Green(run.Outcome),
            "failed" => output.Red(run.Outcome),
            "skipped" or "interrupted" => output.Yellow(run.Outcome),
            _ => run.Outcome,
        };
        var exit = run.ExitCode is { } code ? $" exit {code.ToString(CultureInfo.InvariantCulture)}" : run.Signal is { } signal ? $" {signal}" : "";
        var duration = run.DurationMs is { } ms ? $" in {HumanFormat.Duration(TimeSpan.FromMilliseconds(ms))}" : "";
        var attempt = run.Attempt > 1 ? $" (attempt {run.Attempt})" : "";
        return $"{HumanFormat.Timestamp(run.StartedAt)} {outcome}{exit}{duration}{attempt}{(run.Note is null ? "" : output.Dim($" — {run.Note}"))}";
    }
}
