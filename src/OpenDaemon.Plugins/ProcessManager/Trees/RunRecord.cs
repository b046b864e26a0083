using System.Text.Json.Serialization;

namespace OpenDaemon.Plugins.ProcessManager.Trees;

/// <summary>
/// What a daemon writes down about one running instance, so that the next daemon can end its tree
/// should this one die without stopping it (SIGKILL, a crash). One small file per instance.
/// </summary>
internal sealed record RunRecord
{
    public required string Name { get; init; }

    public required int Id { get; init; }

    public required int Instance { get; init; }

    /// <summary>The app's first process; 0 in the record written just before the spawn.</summary>
    public int Pid { get; init; }

    /// <summary>/proc/&lt;pid&gt;/stat field 22 of <see cref="Pid"/>: tells the process from a later one that reuses its pid.</summary>
    public long StartTicks { get; init; }

    /// <summary>The run's cgroup; null in the fallback.</summary>
    public string? Cgroup { get; init; }

    /// <summary>The OD_TREE marker in the run's environment.</summary>
    public required string Marker { get; init; }

    /// <summary>The app's killTimeout: how long the next daemon lets the orphans stop before SIGKILL.</summary>
    public long KillTimeoutMs { get; init; }

    /// <summary>Where the app keeps this daemon's ends of its output, and its log settings; null in the record written before the spawn.</summary>
    public RecordedOutput? Output { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RunRecordJsonContext : JsonSerializerContext;
