using System.Collections.Concurrent;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Audit.Reading;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Audit;

/// <summary>
/// Records every completed RPC call, except the methods <c>exclude</c> names. Runs on the caller's
/// thread before the answer is sent: it decides (a cached lookup per method name), stamps the time and
/// queues — the writer does the rest.
/// </summary>
internal sealed class AuditCallObserver(AuditWriter writer, IReadOnlyList<string> exclude, TimeProvider time) : IRpcCallObserver
{
    public const string Success = "success";
    public const string Cancelled = "CANCELLED";

    private readonly ConcurrentDictionary<string, bool> _audited = new(StringComparer.Ordinal);

    public void OnCallCompleted(in RpcCallOutcome outcome)
    {
        var method = outcome.Call.Method;
        if (!_audited.GetOrAdd(method, static (name, patterns) => !patterns.Any(pattern => Wildcard.Matches(pattern, name)), exclude))
        {
            return;
        }

        var result = outcome.Cancelled ? Cancelled : outcome.Error is { } code ? code.ToWireName() : Success;
        writer.TryRecord(new PendingEntry(time.GetUtcNow(), method, result)
        {
            Caller = outcome.Call.Peer.Caller,
            Params = outcome.Call.Params,
            Duration = outcome.Duration,
        });
    }
}
