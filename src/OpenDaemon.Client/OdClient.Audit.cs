using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Client;

// The audit-logger methods: search, verify, follow.
public sealed partial class OdClient
{
    /// <summary><c>audit.search</c>: the newest matching audit entries, oldest first.</summary>
    public Task<AuditSearchResult> SearchAuditAsync(AuditSearchParams parameters, CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.AuditSearch, Serialize(parameters, ContractsJsonContext.Default.AuditSearchParams), ContractsJsonContext.Default.AuditSearchResult, cancellationToken);

    /// <summary><c>audit.verify</c>: walks the hash chain over every audit file.</summary>
    public Task<AuditVerifyResult> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        InvokeLongAsync(RpcMethods.AuditVerify, null, ContractsJsonContext.Default.AuditVerifyResult, cancellationToken);

    /// <summary>
    /// <c>audit.stream</c>: each new entry matching the filters with the line as stored, until
    /// <paramref name="cancellationToken"/> is cancelled or the connection closes.
    /// </summary>
    public async IAsyncEnumerable<(AuditEntry Entry, string Line)> StreamAuditAsync(AuditStreamParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lines = FramedLineStream.ReadLinesAsync(
            _connection,
            _options.RequestTimeout,
            async ct => (await InvokeAsync(RpcMethods.AuditStream, Serialize(parameters, ContractsJsonContext.Default.AuditStreamParams), ContractsJsonContext.Default.AuditStreamStarted, ct).ConfigureAwait(false)).StreamId,
            id => UnstreamAuditAsync(id),
            cancellationToken);
        await foreach (var line in lines.ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize(line.Span, ContractsJsonContext.Default.AuditEntry) is { } entry)
            {
                yield return (entry, System.Text.Encoding.UTF8.GetString(line.Span));
            }
        }
    }

    /// <summary><c>audit.unstream</c>: ends a stream of this connection; <see cref="StreamAuditAsync"/> does it itself when its enumeration ends.</summary>
    public async Task<AuditUnstreamResult> UnstreamAuditAsync(int streamId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await InvokeAsync(RpcMethods.AuditUnstream, Serialize(new AuditUnstreamParams(streamId), ContractsJsonContext.Default.AuditUnstreamParams), ContractsJsonContext.Default.AuditUnstreamResult, cancellationToken).ConfigureAwait(false);
        }
        catch (DaemonException) when (!_connection.IsConnected)
        {
            return new AuditUnstreamResult(streamId, false);
        }
    }
}
