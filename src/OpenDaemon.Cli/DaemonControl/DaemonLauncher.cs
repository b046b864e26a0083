using System.Diagnostics;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Daemon;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.DaemonControl;

/// <summary>
/// Starts a detached daemon (<c>od-daemon run --detached</c>, the executable next to <c>od</c>) and returns only once it answers a
/// ping, the way <c>pm2</c> spawns its God daemon on first use. Readiness is an event, not a
/// poll: the child writes <see cref="DaemonExecutable.ReadyLine"/> on its stderr pipe once it listens. If the child dies first, its own
/// one-line error (for example a lock problem) becomes the user's error, with the child's own code.
/// If it lost a start race to another daemon, the winner is used, and only the CLI whose child won
/// says that it started the daemon. Every wait for an answer polls within <see cref="StartDeadline"/>:
/// a connection refused or reset on the way (see <see cref="DaemonProbe"/>) is asked again, not reported.
/// </summary>
internal static class DaemonLauncher
{
    /// <summary>How long a start may take, from the spawn to the daemon's first answer.</summary>
    internal static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Connects, starting a daemon first when none runs. <c>Started</c> is true only when this call's daemon is the one that runs (not when another CLI's won the race).</summary>
    public static async Task<(OdClient Client, bool Started)> ConnectOrStartAsync(OdClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return (await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false), false);
        }
        catch (DaemonException error) when (error.Code == ErrorCode.DaemonNotRunning)
        {
            var (_, started) = await StartAsync(options, configPath: null, resurrect: false, cancellationToken).ConfigureAwait(false);
            return (await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false), started);
        }
    }

    /// <summary>
    /// Spawns a daemon and waits until it answers; returns its pid. <paramref name="resurrect"/>
    /// makes it start the apps saved in dump.json (<c>od daemon run --resurrect</c>). <c>Started</c>
    /// is false when another daemon won the race for the lock and answers instead.
    /// </summary>
    public static async Task<(int Pid, bool Started)> StartAsync(OdClientOptions options, string? configPath, bool resurrect, CancellationToken cancellationToken)
    {
        using var child = Spawn(options, configPath, resurrect);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        try
        {
            // The child's stderr is the event: the ready line once it listens, or its error and EOF.
            var failure = await ReadUntilReadyAsync(child.StandardError, deadline.Token).ConfigureAwait(false);
            if (failure is null)
            {
                return (await WaitForAnswerAsync(options, deadline.Token).ConfigureAwait(false), true);
            }

            await child.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            if (!failure.Contains(ErrorCode.DaemonAlreadyRunning.ToWireName(), StringComparison.Ordinal))
            {
                throw ChildError(FirstLine(failure)) ?? new DaemonException(
                    ErrorCode.DaemonStartFailed,
                    $"the daemon exited during start (code {child.ExitCode}): {FirstLine(failure)}",
                    "run 'od daemon run' to see it start in the foreground, or read 'od daemon logs'");
            }

            // Another daemon won the race for the lock: wait until the winner answers.
            return (await WaitForAnswerAsync(options, deadline.Token).ConfigureAwait(false), false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DaemonException(
                ErrorCode.DaemonStartFailed,
                $"the daemon did not answer within {StartDeadline.TotalSeconds:0}s of being started",
                "read 'od daemon logs', or run 'od daemon run' to watch it start in the foreground");
        }
    }

    /// <summary>Null once the ready line arrives; otherwise everything the child wrote before closing stderr.</summary>
    private static async Task<string?> ReadUntilReadyAsync(StreamReader stderr, CancellationToken cancellationToken)
    {
        var written = new System.Text.StringBuilder();
        while (await stderr.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line == DaemonExecutable.ReadyLine)
            {
                return null;
            }

            written.AppendLine(line);
        }

        return written.ToString().Trim();
    }

    private static Process Spawn(OdClientOptions options, string? configPath, bool resurrect)
    {
        var fileName = DaemonExecutablePath.Resolve();
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        // The daemon runs from "/" so it never pins a directory; pass the installation as absolute paths.
        if (options.Environment.HomeIsExplicit)
        {
            startInfo.Environment[OdEnvironment.HomeVariable] = options.Environment.Home;
        }

        if (options.Environment.SocketOverride is { } socket)
        {
            startInfo.Environment[OdEnvironment.SocketVariable] = socket;
        }

        startInfo.ArgumentList.Add(DaemonExecutable.RunCommand);
        startInfo.ArgumentList.Add(DaemonExecutable.DetachedOption);
        if (configPath is not null)
        {
            startInfo.ArgumentList.Add(DaemonExecutable.ConfigOption);
            startInfo.ArgumentList.Add(configPath);
        }

        if (resurrect)
        {
            startInfo.ArgumentList.Add(DaemonExecutable.ResurrectOption);
        }

        return Process.Start(startInfo)
            ?? throw new DaemonException(ErrorCode.DaemonStartFailed, $"could not start {fileName}", "check that the daemon executable next to od is executable");
    }

    /// <summary>The pid of the daemon once it answers; a refused, reset or unanswered connection is tried again until the token's deadline.</summary>
    private static async Task<int> WaitForAnswerAsync(OdClientOptions options, CancellationToken deadline)
    {
        while (true)
        {
            if (await TryPingAsync(options, deadline).ConfigureAwait(false) is { } pid)
            {
                return pid;
            }

            await Task.Delay(PollInterval, deadline).ConfigureAwait(false);
        }
    }

    private static async Task<int?> TryPingAsync(OdClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await OdClient.ConnectAsync(options with { ConnectTimeout = TimeSpan.FromSeconds(1) }, cancellationToken).ConfigureAwait(false);
            var status = await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            return status.Pid;
        }
        catch (DaemonException error) when (error.Code is ErrorCode.DaemonNotRunning or ErrorCode.IpcError or ErrorCode.IpcTimeout)
        {
            return null;
        }
    }

    /// <summary>
    /// The daemon's own failure ("UNSAFE_PATH: refusing to use … — chmod …") as the same code,
    /// sentence and hint, so the user sees what to fix rather than a generic start failure.
    /// </summary>
    internal static DaemonException? ChildError(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var code = colon > 0 ? ErrorCodeNames.Parse(line[..colon]) : ErrorCode.UnknownError;
        if (code is ErrorCode.UnknownError or ErrorCode.DaemonStartFailed)
        {
            return null;
        }

        var text = line[(colon + 2)..];
        var dash = text.LastIndexOf(" — ", StringComparison.Ordinal);
        return dash < 0
            ? new DaemonException(code, text)
            : new DaemonException(code, text[..dash], text[(dash + 3)..]);
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline].TrimEnd();
    }
}
