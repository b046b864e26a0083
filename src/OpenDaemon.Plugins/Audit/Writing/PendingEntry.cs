using System.Text.Json;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// What waits in the writer's queue: the raw facts of one action, taken on the caller's thread as
/// cheaply as possible. The writer's loop does the rest (user name, target, redaction, JSON, hash).
/// </summary>
internal sealed record PendingEntry(DateTimeOffset Timestamp, string Action, string Result)
{
    /// <summary>The caller, for RPC calls and <c>IAuditLog</c> records; null with <see cref="Actor"/> for the daemon's own entries.</summary>
    public CallerIdentity? Caller { get; init; }

    /// <summary>A ready actor (the daemon itself) when there is no <see cref="Caller"/>.</summary>
    public AuditActor? Actor { get; init; }

    /// <summary>Set when the target is known; else derived from the action and parameters.</summary>
    public AuditTarget? Target { get; init; }

    /// <summary>The parameters as received (cloned JSON); redacted by the writer.</summary>
    public JsonElement? Params { get; init; }

    public TimeSpan? Duration { get; init; }
}
