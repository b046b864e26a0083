using System.Text.Json;
using System.Text.Json.Serialization;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Contracts.Audit;

/// <summary>
/// One line of the audit log (spec §3.13), as stored in <c>$OD_HOME/audit/*.jsonl</c> and returned by
/// <c>audit.search</c>. <see cref="Prev"/> chains the lines: the SHA-256 of the previous line's bytes.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>When the action completed (UTC, milliseconds).</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>What was done: an RPC method (<c>process.restart</c>), an event topic (<c>process:exit</c>), <c>auth.failure</c>, ...</summary>
    public required string Action { get; init; }

    /// <summary>Who did it.</summary>
    public required AuditActor Actor { get; init; }

    /// <summary>What it was done to, when there is one thing.</summary>
    public AuditTarget? Target { get; init; }

    /// <summary>The parameters, with secrets replaced by <c>***</c>.</summary>
    public JsonElement? Params { get; init; }

    /// <summary><c>success</c>, or the error code the caller received (<c>PROCESS_NOT_FOUND</c>), or <c>CANCELLED</c>.</summary>
    public required string Result { get; init; }

    /// <summary>How long it took, in milliseconds (RPC calls).</summary>
    public double? Duration { get; init; }

    /// <summary>SHA-256 (hex) of the previous line; 64 zeros for the first line ever written.</summary>
    public string Prev { get; init; } = "";
}
