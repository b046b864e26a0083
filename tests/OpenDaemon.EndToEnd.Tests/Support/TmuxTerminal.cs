using System.Diagnostics;
using OpenDaemon.EndToEnd.Tests.Pm2;

namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>
/// A real terminal for a test: a tmux server of its own (private socket in the sandbox) running one command
/// in a detached session of a given size; keys go in with <c>send-keys</c>, the screen comes out with
/// <c>capture-pane -p</c>. Disposal kills the server and so the command.
/// </summary>
internal sealed class TmuxTerminal : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CaptureEvery = TimeSpan.FromMilliseconds(200);
    private readonly string _socket;
    private readonly Stopwatch _sinceCapture = new();
    private string _screen = string.Empty;

    private TmuxTerminal(string socket) => _socket = socket;

    /// <summary>Starts <paramref name="shellCommand"/> (run by /bin/sh) in a <paramref name="width"/>×<paramref name="height"/> terminal.</summary>
    public static async Task<TmuxTerminal> StartAsync(string directory, int width, int height, string shellCommand)
    {
        Assert.True(ToolPath.Exists("tmux"), "tmux is not installed: the od monit end-to-end tests need a real terminal (apt-get install tmux; .ci/run installs it)");
        var terminal = new TmuxTerminal(Path.Combine(directory, "tmux.sock"));
        await terminal.RunAsync("new-session", "-d", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), shellCommand);
        return terminal;
    }

    /// <summary>Keys by tmux name (<c>Down</c>, <c>Enter</c>, <c>Escape</c>) or plain characters.</summary>
    public Task SendKeysAsync(params string[] keys) => RunAsync(["send-keys", "-t", "0", .. keys]);

    /// <summary>Bytes typed as they are (<c>send-keys -l</c>), e.g. a mouse report.</summary>
    public Task TypeAsync(string text) => RunAsync("send-keys", "-t", "0", "-l", text);

    public Task ResizeAsync(int width, int height) => RunAsync(
        "resize-window", "-t", "0", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The screen's text now (at most one capture per 200 ms: conditions polled faster see the last one).</summary>
    public async Task<string> ScreenAsync()
    {
        if (!_sinceCapture.IsRunning || _sinceCapture.Elapsed >= CaptureEvery)
        {
            _screen = await RunAsync("capture-pane", "-p", "-t", "0");
            _sinceCapture.Restart();
        }

        return _screen;
    }

    /// <summary>The pid of the process the pane's shell started (the command under test).</summary>
    public async Task<int> CommandPidAsync()
    {
        var shell = (await RunAsync("list-panes", "-t", "0", "-F", "#{pane_pid}")).Trim();
        var children = await File.ReadAllTextAsync($"/proc/{shell}/task/{shell}/children");
        return int.Parse(children.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The last screen captured, for failure messages.</summary>
    public string LastScreen => _screen;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server already ended with its last session.
        }
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-S");
        startInfo.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("tmux did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: exit {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
