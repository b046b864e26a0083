using System.Text.Json.Serialization;
using OpenDaemon.Contracts.Scheduling;

namespace OpenDaemon.Plugins.Scheduler;

/// <summary>What the scheduler keeps of one app across daemon restarts (in <c>$OD_HOME/state/scheduler.json</c>).</summary>
internal sealed record ScheduleRecord
{
    /// <summary>The last occurrence that fired (or was skipped): where a catch-up at start-up looks from.</summary>
    public DateTimeOffset? LastOccurrence { get; init; }

    /// <summary>The latest runs, newest first, at most <see cref="RunHistory.Limit"/>.</summary>
    public IReadOnlyList<ScheduledRun> Runs { get; init; } = [];
}

/// <summary>Source-generated JSON for <see cref="ScheduleRecord"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduleRecord))]
internal sealed partial class ScheduleRecordJsonContext : JsonSerializerContext;
