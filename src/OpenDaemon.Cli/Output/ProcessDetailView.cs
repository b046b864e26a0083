using System.Globalization;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// The key/value block <c>od info</c> prints for one instance: state, run, readiness, how the last
/// run ended (with its stderr tail), log files, the interesting configuration and the history.
/// </summary>
internal static class ProcessDetailView
{
    private const int LabelWidth = 18;
    private const string Missing = "-";

    public static List<string> Render(ProcessDetail detail, CliOutput output, DateTimeOffset now)
    {
        var process = detail.Summary;
        var config = ProcessConfigSummary.Read(detail.Config);
        var lines = new List<string>(64) { output.Bold(process.Name) };
        Add(lines, "name", process.Name);
        Add(lines, "id", Number(process.Id));
        Add(lines, "instance", Number(process.Instance));
        Add(lines, "namespace", process.Namespace);
        Add(lines, "status", Status(process, output));
        if (ProcessStatusText.RestartWait(process, now) is { } wait)
        {
            Add(lines, "next restart", $"{wait} {output.Dim($"(at {HumanFormat.Timestamp(process.NextRestartAt!.Value)})")}");
        }

        Add(lines, "pid", process.Pid is { } pid ? Number(pid) : Missing);
        Add(lines, "restarts", $"{process.Restarts} {output.Dim($"({process.UnstableRestarts} unstable in a row)")}");
        Add(lines, "uptime", process.UptimeMs is { } uptime
            ? $"{HumanFormat.Duration(TimeSpan.FromMilliseconds(uptime))}{(process.StartedAt is { } started ? output.Dim($" (since {HumanFormat.Timestamp(started)})") : "")}"
            : Missing);
        Add(lines, "cpu", process.CpuPercent is { } cpu ? HumanFormat.Percent(cpu) : Missing);
        Add(lines, "memory", process.MemoryBytes is { } memory ? HumanFormat.Bytes(memory) : Missing);
        Add(lines, "command", detail.Command is { } command ? CommandLine(command) : Setting(config, "script") ?? Missing);
        Add(lines, "cwd", detail.Command?.WorkingDirectory ?? Setting(config, "cwd") ?? Missing);
        Add(lines, "interpreter", Setting(config, "interpreter") ?? output.Dim("chosen by extension"));
        Add(lines, "mode", process.Mode);
        AddCluster(lines, detail.Cluster, output);
        Add(lines, "user", process.User ?? Missing);
        AddReadiness(lines, detail.Readiness, output, now);
        AddHealth(lines, detail.Health, output, now);
        AddLastExit(lines, detail.LastExit, output, now);
        Add(lines, "out log", detail.Logs.Out);
        Add(lines, "err log", detail.Logs.Err);
        if (detail.Schedule is { } schedule)
        {
            lines.AddRange(ScheduleView.Detail(schedule, output, now, LabelWidth));
        }

        if (detail.Watch is { } watch)
        {
            lines.AddRange(WatchView.Detail(watch, output, LabelWidth));
        }

        if (detail.AutoScale is { } autoScale)
        {
            lines.AddRange(AutoScaleView.Detail(autoScale, output, now, LabelWidth));
        }

        AddConfig(lines, config, output);
        AddHistory(lines, detail.History, output);
        return lines;
    }

    private static string Status(ProcessSummary process, CliOutput output) =>
        ProcessStatusText.Paint(output, process.Status, ProcessStatusText.Name(process.Status))
        + (process.Reason is null ? "" : $" ({process.Reason})")
        + (process.Activity is null ? "" : $" · {output.Dim(process.Activity)}");

    private static void AddCluster(List<string> lines, ProcessCluster? cluster, CliOutput output)
    {
        if (cluster is null)
        {
            return;
        }

        var port = cluster.Port is { } number ? Number(number) : "from PORT at start";
        Add(lines, "port", cluster.Address is { } address
            ? $"{port} {output.Dim($"(listening on {address}, shared by {cluster.Instances} instances)")}"
            : $"{port} {output.Dim("(not listening: the app has not started)")}");
        Add(lines, "strategy", cluster.Requests is { } requests
            ? $"{cluster.Strategy} {output.Dim($"(the daemon proxies each HTTP request to an instance: {requests})")}"
            : cluster.Shares is null
                ? $"{cluster.Strategy} {output.Dim("(one socket: the kernel hands each connection to an instance)")}"
                : $"{cluster.Strategy} {output.Dim("(the daemon accepts and hands each connection to an instance)")}");
        foreach (var (share, row) in (cluster.Shares ?? []).Select((share, row) => (share, row)))
        {
            Add(lines, row == 0 ? "connections" : string.Empty, string.Create(
                CultureInfo.InvariantCulture,
                $"instance {share.Instance}: {share.Connections} ({share.Percent:0.#} %), {share.Open} open{(share.Weight is { } weight ? $", weight {weight}" : "")}"));
        }
    }

    private static void AddReadiness(List<string> lines, ProcessReadiness readiness, CliOutput output, DateTimeOffset now)
    {
        Add(lines, "readiness", readiness.WaitReady
            ? $"waits for READY=1: {(readiness.Ready ? output.Green("ready") : output.Yellow("not ready yet"))}"
            : readiness.Ready ? "not required (sent READY=1)" : "not required");
        if (readiness.Status is { } text)
        {
            Add(lines, "status text", text);
        }

        if (readiness.NotifySocket is { } socket)
        {
            Add(lines, "notify socket", socket);
        }

        if (readiness.LastWatchdogAt is { } watchdog)
        {
            Add(lines, "last watchdog", $"{HumanFormat.Timestamp(watchdog)} {output.Dim($"({HumanFormat.Duration(now - watchdog)} ago)")}");
        }
    }

    private const int CrashLinesShown = 20;

    private static void AddHealth(List<string> lines, ProcessHealth? health, CliOutput output, DateTimeOffset now)
    {
        if (health is null)
        {
            Add(lines, "health", Missing);
            return;
        }

        Add(lines, "health", $"{HealthText.Paint(output, health.Status, HealthText.Name(health.Status))} {output.Dim($"({health.Type} check)")}");
        if (health.LastCheckAt is { } checkedAt)
        {
            var result = health.LastPassed == true ? output.Green("passed") : output.Red("failed");
            var latency = health.LatencyMs is { } ms ? $" in {ms.ToString("0.#", CultureInfo.InvariantCulture)} ms" : "";
            Add(lines, "last check", $"{result}{latency} at {HumanFormat.Timestamp(checkedAt)} {output.Dim($"({HumanFormat.Duration(now - checkedAt)} ago)")}");
        }
        else
        {
            Add(lines, "last check", output.Dim("none yet"));
        }

        if (health.Message is { } message)
        {
            Add(lines, "check message", message);
        }

        Add(lines, "failures in a row", Number(health.ConsecutiveFailures));
        if (health.LastTransitionAt is { } transition)
        {
            Add(lines, "health since", $"{HumanFormat.Timestamp(transition)} {output.Dim($"({HumanFormat.Duration(now - transition)} ago)")}");
        }
    }

    private static void AddLastExit(List<string> lines, ProcessExitRecord? exit, CliOutput output, DateTimeOffset now)
    {
        if (exit is null)
        {
            Add(lines, "last exit", Missing);
            return;
        }

        var how = exit.Signal is { } signal ? $"signal {signal}" : exit.ExitCode is { } code ? $"code {code}" : "unknown";
        var unstable = exit.Unstable ? ", " + output.Yellow("unstable") : "";
        Add(lines, "last exit", $"{how} at {HumanFormat.Timestamp(exit.At)} {output.Dim($"({HumanFormat.Duration(now - exit.At)} ago)")}, after {HumanFormat.Interval(TimeSpan.FromMilliseconds(exit.RunMs))}{unstable}");
        if (exit.LastLines.Count > 0)
        {
            var shown = exit.LastLines.TakeLast(CrashLinesShown).ToList();
            var more = exit.LastLines.Count > shown.Count ? output.Dim($" (last {shown.Count} of {exit.LastLines.Count}; --json has all)") : "";
            lines.Add($"crash log:{more}");
            foreach (var line in shown)
            {
                lines.Add("    " + (line.StartsWith("stderr ", StringComparison.Ordinal) ? output.Red(line[7..]) : line.StartsWith("stdout ", StringComparison.Ordinal) ? line[7..] : line));
            }
        }
    }

    private static void AddConfig(List<string> lines, IReadOnlyList<KeyValuePair<string, string>> config, CliOutput output)
    {
        lines.Add(output.Bold("config"));
        foreach (var (key, value) in config)
        {
            // Shown above already.
            if (key is not ("cwd" or "interpreter"))
            {
                lines.Add($"  {key.PadRight(LabelWidth - 2)}{value}");
            }
        }
    }

    private static void AddHistory(List<string> lines, IReadOnlyList<ProcessStateChange> history, CliOutput output)
    {
        lines.Add(output.Bold("history"));
        foreach (var change in history)
        {
            var state = ProcessStatusText.Name(change.State);
            var painted = ProcessStatusText.Paint(output, change.State, state.PadRight(9));
            lines.Add($"  {HumanFormat.Timestamp(change.At)}  {painted}{(change.Reason is null ? "" : " " + change.Reason)}".TrimEnd());
        }
    }

    private static string CommandLine(ProcessCommandLine command) =>
        command.Arguments.Count == 0
            ? command.FileName
            : $"{command.FileName} {string.Join(' ', command.Arguments.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a))}";

    private static string? Setting(IReadOnlyList<KeyValuePair<string, string>> config, string key) =>
        config.FirstOrDefault(pair => pair.Key == key).Value;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<string> lines, string label, string value) => lines.Add(label.PadRight(LabelWidth) + value);
}
