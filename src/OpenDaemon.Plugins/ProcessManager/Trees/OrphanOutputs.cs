using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// The output of the runs a previous daemon left behind: each app kept that daemon's ends of its stdout and
/// stderr (<see cref="KeptOutput"/>), so what it wrote and no daemon read is still queued there. Before
/// <see cref="OrphanRecovery"/> ends the trees, each run's ends are taken back and handed to the log capture,
/// which writes them to the app's logs as the dead daemon would have — the lines its stop writes too; once the
/// trees are gone every stream reaches its end and <see cref="FinishAsync"/> returns.
/// </summary>
/// <remarks>Used by one caller, start-up, one step after the other: no concurrency of its own.</remarks>
internal sealed partial class OrphanOutputs(IOutputCapture? capture, ILogger logger)
{
    /// <summary>How long the streams may go on once their trees are gone: a process outside a tree may still hold one.</summary>
    public static readonly TimeSpan EndLimit = TimeSpan.FromSeconds(2);

    private readonly List<Taken> _taken = [];

    /// <summary>Takes back the output of a running orphan of <paramref name="record"/>, when the app kept it.</summary>
    public void TakeBack(RunRecord record)
    {
        if (capture is null || record.Output is not { } output || record.Pid <= 0)
        {
            return;
        }

        if (KeptOutput.TryTakeBack(record.Pid, record.StartTicks, output.Kept, out string? failure) is not { } sockets)
        {
            LogNotTaken(logger, record.Name, record.Id, record.Pid, failure ?? "unknown");
            return;
        }

        var source = new RunOutputSource(output.LogSettingsOf(record.Name), record.Instance, output.InstanceCount, record.Pid);
        _taken.Add(new Taken(record.Name, record.Id, record.Pid, capture.Capture(source, sockets.Stdout, sockets.Stderr), sockets.Stdout, sockets.Stderr));
    }

    /// <summary>After the trees have ended: waits (bounded) until every stream taken back has been written out, then closes them.</summary>
    public async Task FinishAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = Task.Delay(EndLimit, time, cancellationToken); // one limit for all: start-up waits at most that long
        foreach (var taken in _taken)
        {
            if (await Task.WhenAny(taken.Output.Completion, limit).ConfigureAwait(false) == limit)
            {
                LogDidNotEnd(logger, taken.Name, taken.Id, taken.Pid, EndLimit.TotalSeconds);
            }
            else
            {
                LogTaken(logger, taken.Name, taken.Id, taken.Pid);
            }

            taken.Stdout.Dispose();
            taken.Stderr.Dispose();
        }

        _taken.Clear();
    }

    private sealed record Taken(string Name, int Id, int Pid, IRunOutput Output, Socket Stdout, Socket Stderr);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} [{Id}] (pid {Pid}): the output it wrote while no daemon read it is in its logs")]
    private static partial void LogTaken(ILogger logger, string app, int id, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] (pid {Pid}): cannot take back its output from the previous daemon ({Reason}); what it wrote after that daemon died is lost")]
    private static partial void LogNotTaken(ILogger logger, string app, int id, int pid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App} [{Id}] (pid {Pid}): its output had not ended {Seconds} s after its processes did (something outside its tree holds it); what came until then is in its logs")]
    private static partial void LogDidNotEnd(ILogger logger, string app, int id, int pid, double seconds);
}
