using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>grpc</c>: the standard health protocol (<c>grpc.health.v1.Health/Check</c>) answers SERVING for
/// <c>service</c> (empty: the server as a whole). NOT_SERVING, UNKNOWN, SERVICE_UNKNOWN or an RPC error fail.
/// </summary>
internal sealed class GrpcProbe : IHealthProbe, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Health.HealthClient _client;
    private readonly string _service;
    private readonly string _address;

    public GrpcProbe(Uri address, string? service, HttpMessageHandler handler)
    {
        _address = address.ToString();
        _service = service ?? string.Empty;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });
        _client = new Health.HealthClient(_channel);
    }

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var what = _service.Length == 0 ? "server" : $"service \"{_service}\"";
        try
        {
            var reply = await _client.CheckAsync(new HealthCheckRequest { Service = _service }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? ProbeResult.Pass($"{what} is SERVING")
                : ProbeResult.Fail($"{what} is {StatusName(reply.Status)}");
        }
        catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Fail(error.StatusCode == StatusCode.NotFound
                ? $"{what} is SERVICE_UNKNOWN (not registered with the health service)"
                : $"gRPC {error.StatusCode} from {_address}: {ProbeErrors.Describe(error.Status.DebugException ?? error)}");
        }
    }

    public void Dispose() => _channel.Dispose();

    private static string StatusName(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };
}
