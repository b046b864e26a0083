using System.Text.Json;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>One action for <see cref="IAuditLog.Record"/>.</summary>
/// <param name="Action">What was done, <c>area.verb</c>: <c>auth.success</c>, <c>auth.failure</c>.</param>
/// <param name="Actor">Who: the caller as its transport identified it (token id and address over HTTP).</param>
/// <param name="Result"><c>success</c> or the error code.</param>
public sealed record AuditRecord(string Action, CallerIdentity Actor, string Result)
{
    /// <summary>What it was done to, if one thing.</summary>
    public AuditTarget? Target { get; init; }

    /// <summary>Parameters; secrets (env values, anything named like token, secret, password or key) are replaced by <c>***</c> before writing.</summary>
    public JsonElement? Params { get; init; }

    /// <summary>How long it took, when that means something.</summary>
    public TimeSpan? Duration { get; init; }
}
