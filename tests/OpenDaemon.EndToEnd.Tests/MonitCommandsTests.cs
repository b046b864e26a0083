using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary><c>od monit</c> in a real terminal (tmux), against a private daemon: what a user sees and does.</summary>
public sealed class MonitCommandsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Monit_InATerminal_ShowsAppsActsOnKeysResizesAndRestoresTheTerminalOnQuit()
    {
        await using var od = new OdSandbox();
        await StartAppsAsync(od);
        await using var tmux = await TmuxTerminal.StartAsync(od.Home, 120, 40, MonitCommand(od));

        await UntilScreenAsync(tmux, screen => Row(screen, "alpha") is [_, "alpha", "fork", "online", ..] && Row(screen, "beta") is [_, "beta", "fork", "online", ..], "both apps online in the table");
        Assert.Contains("Processes (2 online, 0 stopped, 0 errored)", tmux.LastScreen, StringComparison.Ordinal);
        Assert.StartsWith("┌─ OpenDaemon v", tmux.LastScreen, StringComparison.Ordinal);

        // r restarts the selected (first) row: its restart count grows.
        await tmux.SendKeysAsync("r");
        await UntilScreenAsync(tmux, screen => Row(screen, "alpha") is [_, _, _, "online", "1", ..], "alpha restarted once (↺ 1)");

        // l shows its logs over the whole screen; Escape goes back.
        await tmux.SendKeysAsync("l");
        await UntilScreenAsync(tmux, screen => screen.Contains("Logs ─ alpha", StringComparison.Ordinal) && screen.Contains("[alpha] [INFO] alpha says", StringComparison.Ordinal), "the logs view of alpha with its lines");
        await tmux.SendKeysAsync("Escape");

        // s stops it.
        await UntilScreenAsync(tmux, screen => screen.Contains("Recent logs", StringComparison.Ordinal), "the dashboard again");
        await tmux.SendKeysAsync("s");
        await UntilScreenAsync(tmux, screen => Row(screen, "alpha") is [_, _, _, "stopped", ..], "alpha stopped");

        // A mouse click on beta's row (the 5th screen row) selects it.
        await tmux.TypeAsync("\u001b[<0;10;5M");
        await UntilScreenAsync(tmux, screen => screen.Contains("┌─ beta · online", StringComparison.Ordinal), "beta selected by the click");

        // / filters by name.
        await tmux.SendKeysAsync("/", "e", "t", "Enter");
        await UntilScreenAsync(tmux, screen => screen.Contains("filter 'et': 1 of 2", StringComparison.Ordinal) && Row(screen, "alpha") is null && Row(screen, "beta") is not null, "only beta listed");

        // A small terminal keeps the frame and the table readable.
        await tmux.ResizeAsync(80, 24);
        await UntilScreenAsync(tmux, screen => Lines(screen) is { Length: 24 } lines && lines[0].Length == 80 && lines[0].EndsWith('┐') && lines[23].StartsWith('└'), "the frame redrawn at 80×24");
        Assert.NotNull(Row(tmux.LastScreen, "beta"));
        Assert.Contains("q quit", tmux.LastScreen, StringComparison.Ordinal);

        // q leaves: the shell's screen comes back, the exit code is 0 and the terminal is out of raw mode.
        await tmux.SendKeysAsync("q");
        await UntilScreenAsync(tmux, screen => screen.Contains("MONIT-EXITED 0", StringComparison.Ordinal) && screen.Contains("TTY icanon echo", StringComparison.Ordinal), "od monit gone and the terminal restored");
        Assert.DoesNotContain("┌─ OpenDaemon", tmux.LastScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monit_DaemonRestartsThenSigterm_ReconnectsAndRestoresTheTerminal()
    {
        await using var od = new OdSandbox();
        await StartAppsAsync(od);
        await using var tmux = await TmuxTerminal.StartAsync(od.Home, 100, 30, MonitCommand(od));
        await UntilScreenAsync(tmux, screen => Row(screen, "beta") is [_, "beta", _, "online", ..], "beta online");

        var restart = await od.RunAsync("daemon", "restart");

        Assert.True(restart.ExitCode == 0, restart.ToString());
        await UntilScreenAsync(tmux, screen => screen.Contains("daemon restarted: reconnected", StringComparison.Ordinal) && Row(screen, "beta") is [_, "beta", _, "online", ..], "the dashboard reconnected to the new daemon");

        // SIGTERM (a closing terminal, a kill) quits as q does: the terminal restored, exit 0.
        using (var monit = System.Diagnostics.Process.GetProcessById(await tmux.CommandPidAsync()))
        {
            Assert.Equal("od-cli", monit.ProcessName); // `od` execs od-cli for monit, keeping the pid tmux started
            await RunKillAsync(monit.Id);
        }

        await UntilScreenAsync(tmux, screen => screen.Contains("MONIT-EXITED 0", StringComparison.Ordinal) && screen.Contains("TTY icanon echo", StringComparison.Ordinal), "od monit gone after SIGTERM and the terminal restored");
    }

    [Fact]
    public async Task Monit_WithoutATerminal_PrintsOneScreenOrTheJsonList()
    {
        await using var od = new OdSandbox();
        await StartAppsAsync(od);
        await Poll.UntilAsync(async () => (await od.RunAsync("logs", "alpha", "--lines", "1")).StandardOutput.Contains("alpha says", StringComparison.Ordinal), "a line of alpha logged", Deadline);

        var once = await od.RunWithEnvironmentAsync(new Dictionary<string, string> { ["COLUMNS"] = "90", ["LINES"] = "25" }, "monit");
        var json = await od.RunAsync("monit", "--json");

        Assert.True(once.ExitCode == 0, once.ToString());
        var lines = Lines(once.StandardOutput);
        Assert.Equal(25, lines.Length);
        Assert.StartsWith("┌─ OpenDaemon v", lines[0], StringComparison.Ordinal);
        Assert.Equal(90, lines[0].Length);
        Assert.NotNull(Row(once.StandardOutput, "alpha"));
        Assert.NotNull(Row(once.StandardOutput, "beta"));
        Assert.Contains("[alpha] [INFO] alpha says hi", once.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', once.StandardOutput);
        Assert.True(json.ExitCode == 0, json.ToString());
        var list = System.Text.Json.JsonSerializer.Deserialize(json.StandardOutput, OpenDaemon.Contracts.ContractsJsonContext.Default.ProcessList)!;
        Assert.Equal(["alpha", "beta"], list.Processes.Select(process => process.Name));
    }

    private static async Task RunKillAsync(int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, kill.ExitCode);
    }

    // od monit in the sandbox, then (after it exits) its exit code and the terminal's line discipline.
    private static string MonitCommand(OdSandbox od) =>
        $"env -u OD_SOCKET OD_HOME='{od.Home}' NO_COLOR=1 '{OdBinary.Path}' monit; echo MONIT-EXITED $?; "
        + "echo TTY $(stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '); sleep 600";

    private static async Task StartAppsAsync(OdSandbox od)
    {
        var config = Path.Combine(od.Home, "monit.yaml");
        File.WriteAllText(config, """
            apps:
              - { name: alpha, script: /bin/sh, args: ["-c", "while true; do echo alpha says hi; sleep 0.5; done"] }
              - { name: beta, script: /bin/sleep, args: ["600"] }
            plugins:
              metrics-collector:
                interval: 1s
            """);
        var start = await od.RunAsync("daemon", "start", "--config", config);
        Assert.True(start.ExitCode == 0, start.ToString());
    }

    private static Task UntilScreenAsync(TmuxTerminal tmux, Func<string, bool> condition, string what) =>
        Poll.UntilAsync(async () => condition(await tmux.ScreenAsync()), () => $"{what}; the screen was:\n{tmux.LastScreen}", Deadline);

    private static string[] Lines(string screen) => screen.TrimEnd('\n').Split('\n');

    // The table row of an app as words (id, name, mode, status, ↺, ...), without the frame and the selection mark.
    private static string[]? Row(string screen, string app) =>
        Lines(screen)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => word is not "│" and not "›").ToArray())
            .FirstOrDefault(words => words.Length > 4 && words[1] == app && int.TryParse(words[0], out _));
}
