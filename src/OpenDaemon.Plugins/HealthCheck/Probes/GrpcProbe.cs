using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>grpc</c>: the standard health protocol (<c>grpc.health.v1.Health/Check</c>) answers SERVING for
/// <c>service</c> (empty: the server as a whole). NOT_SERVING, UNKNOWN, SERVICE_UNKNOWN or an RPC error fail.
/// </summary>
internal sealed class GrpcProbe(Uri address, string? service, Func<HttpMessageHandler> handler) : IHealthProbe, IDisposable
{
    private readonly string _service = service ?? string.Empty;
    private GrpcChannel? _channel;
    private Health.HealthClient? _client;

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var what = _service.Length == 0 ? "server" : $"service \"{_service}\"";
        try
        {
            // Made at the first check, not when the watch starts: a caFile that cannot be read is then a
            // failed check with a message, and it is read again at the next check.
            if (_client is null)
            {
                _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler(), DisposeHttpClient = false });
                _client = new Health.HealthClient(_channel);
            }

            var reply = await _client.CheckAsync(new HealthCheckRequest { Service = _service }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? ProbeResult.Pass($"{what} is SERVING")
                : ProbeResult.Fail($"{what} is {StatusName(reply.Status)}");
        }
        catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Fail(error.StatusCode == StatusCode.NotFound
                ? $"{what} is SERVICE_UNKNOWN (not registered with the health service)"
                : $"gRPC {error.StatusCode} from {address}: {ProbeErrors.Describe(error.Status.DebugException ?? error)}");
        }
    }

    public void Dispose() => _channel?.Dispose();

    private static string StatusName(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };
}
