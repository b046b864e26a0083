using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>How an instance's state reads and is coloured, the same in <c>od ls</c> and <c>od info</c>.</summary>
internal static class ProcessStatusText
{
    public static string Name(ProcessState state) => state switch
    {
        ProcessState.Created => "created",
        ProcessState.Starting => "starting",
        ProcessState.Online => "online",
        ProcessState.Stopping => "stopping",
        ProcessState.Stopped => "stopped",
        ProcessState.Errored => "errored",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>online green, starting/stopping yellow, stopped dim, errored red.</summary>
    public static string Paint(CliOutput output, ProcessState state, string text) => state switch
    {
        ProcessState.Online => output.Green(text),
        ProcessState.Starting or ProcessState.Stopping => output.Yellow(text),
        ProcessState.Stopped or ProcessState.Created => output.Dim(text),
        ProcessState.Errored => output.Red(text),
        _ => text,
    };

    /// <summary>"restart in 3s" while an errored instance waits for its backoff restart; null otherwise.</summary>
    public static string? RestartHint(ProcessSummary process, DateTimeOffset now) => RestartWait(process, now) switch
    {
        null => null,
        "now" => "restarting",
        var wait => "restart " + wait,
    };

    /// <summary>"in 3s" (or "now") until the backoff restart of an errored instance; null when none is scheduled.</summary>
    public static string? RestartWait(ProcessSummary process, DateTimeOffset now)
    {
        if (process.Status != ProcessState.Errored || process.NextRestartAt is not { } due)
        {
            return null;
        }

        var wait = due - now;
        // Round up: "in 0s" while a restart is still pending would read as "never".
        return wait <= TimeSpan.Zero ? "now" : $"in {HumanFormat.Uptime(TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds)))}";
    }
}
