using System.Text.Json.Serialization;
using OpenDaemon.Config.Model;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// What the next daemon needs, should this one die, to take a run's output back from the app
/// (<see cref="KeptOutput"/>) and write it where this daemon would have: the fds and inodes of the kept sockets,
/// and the app's log settings (files, format, rotation) — not its whole configuration, whose environment may
/// hold secrets.
/// </summary>
internal sealed record RecordedOutput
{
    public required int StdoutFd { get; init; }

    public required int StderrFd { get; init; }

    public required long StdoutInode { get; init; }

    public required long StderrInode { get; init; }

    public required int InstanceCount { get; init; }

    public string? LogFile { get; init; }

    public string? ErrorLogFile { get; init; }

    public bool MergeLogs { get; init; }

    public LogConfig? Logs { get; init; }

    [JsonIgnore]
    public KeptOutput Kept => new(StdoutFd, StderrFd, StdoutInode, StderrInode);

    /// <summary>The record of a run whose app keeps its output; null when it does not.</summary>
    public static RecordedOutput? For(KeptOutput? kept, ProcessConfig config, int instanceCount) => kept is null ? null : new RecordedOutput
    {
        StdoutFd = kept.StdoutFd,
        StderrFd = kept.StderrFd,
        StdoutInode = kept.StdoutInode,
        StderrInode = kept.StderrInode,
        InstanceCount = instanceCount,
        LogFile = config.LogFile,
        ErrorLogFile = config.ErrorLogFile,
        MergeLogs = config.MergeLogs,
        Logs = config.Logs,
    };

    /// <summary>An app configuration with only what the log capture reads: the name and the log settings.</summary>
    public ProcessConfig LogSettingsOf(string name) => new()
    {
        Name = name,
        Script = name,
        LogFile = LogFile,
        ErrorLogFile = ErrorLogFile,
        MergeLogs = MergeLogs,
        Logs = Logs,
    };
}
