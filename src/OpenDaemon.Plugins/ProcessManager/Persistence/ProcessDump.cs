using System.Text.Json.Serialization;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Persistence;

/// <summary>
/// <c>$OD_HOME/dump.json</c>: what <c>od save</c> writes and <c>od resurrect</c> (or a daemon
/// started with <c>--resurrect</c>) restores — each app's full configuration, its environment
/// overrides, and its instances with their ids and states.
/// </summary>
internal sealed record ProcessDump
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required DateTimeOffset SavedAt { get; init; }

    /// <summary>The next instance id, so that ids are not reused after a resurrect.</summary>
    public int NextId { get; init; }

    public required IReadOnlyList<DumpedApp> Apps { get; init; }
}

/// <summary>One app in the dump.</summary>
internal sealed record DumpedApp
{
    public required ProcessConfig Config { get; init; }

    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    public required IReadOnlyList<DumpedInstance> Instances { get; init; }
}

/// <summary>One instance in the dump.</summary>
internal sealed record DumpedInstance(int Id, int Instance, ProcessState State, bool StoppedByUser);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ProcessDump))]
internal sealed partial class ProcessDumpJsonContext : JsonSerializerContext;
