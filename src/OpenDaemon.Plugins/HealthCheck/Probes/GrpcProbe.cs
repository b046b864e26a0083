using System.Net;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>grpc</c>: the standard health protocol (<c>grpc.health.v1.Health/Check</c>) answers SERVING for
/// <c>service</c> (empty: the server as a whole). NOT_SERVING, UNKNOWN, SERVICE_UNKNOWN or an RPC error fail.
/// </summary>
/// <remarks>
/// The call is made by hand on the shared HTTP handlers (<see cref="GrpcUnary"/>), its message encoded by
/// <see cref="GrpcHealthWire"/>.
/// </remarks>
internal sealed class GrpcProbe(Uri address, string? service, Func<HttpMessageHandler> handler) : IHealthProbe
{
    /// <summary>A health answer is a few bytes; anything larger than this is not one.</summary>
    private const int MaxAnswerBytes = 16 * 1024;

    private const int NotFound = 5;

    private readonly Uri _method = new(address, "/grpc.health.v1.Health/Check");
    private readonly byte[] _request = GrpcHealthWire.Request(service ?? string.Empty);
    private readonly string _what = string.IsNullOrEmpty(service) ? "server" : $"service \"{service}\"";

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        // The handler is asked for at each check: a caFile that cannot be read is then a failed check
        // with a message, and it is read again at the next check.
        using var invoker = new HttpMessageInvoker(handler(), disposeHandler: false);
        using var request = GrpcUnary.Request(_method, _request);

        using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ProbeResult.Fail($"gRPC {GrpcUnary.StatusCodeName(GrpcUnary.FromHttpStatus(response.StatusCode))} from {address}: HTTP {(int)response.StatusCode}");
        }

        var body = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ProbeResult.Fail($"gRPC answer from {address} is larger than {MaxAnswerBytes} bytes");
        }

        // Trailers arrive after the body, so they are read once it has been read to its end.
        if (GrpcUnary.Status(response) is not { } code)
        {
            return ProbeResult.Fail($"gRPC answer from {address} has no grpc-status");
        }

        if (code != 0)
        {
            return ProbeResult.Fail(code == NotFound
                ? $"{_what} is SERVICE_UNKNOWN (not registered with the health service)"
                : $"gRPC {GrpcUnary.StatusCodeName(code)} from {address}: {GrpcUnary.Message(response)}");
        }

        return GrpcHealthWire.ReadStatus(body, out var problem) switch
        {
            null => ProbeResult.Fail($"gRPC answer from {address}: {problem}"),
            1 => ProbeResult.Pass($"{_what} is SERVING"),
            2 => ProbeResult.Fail($"{_what} is NOT_SERVING"),
            3 => ProbeResult.Fail($"{_what} is SERVICE_UNKNOWN"),
            _ => ProbeResult.Fail($"{_what} is UNKNOWN"),
        };
    }

    private static async Task<byte[]?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxAnswerBytes + 1];
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaxAnswerBytes)
                {
                    return null;
                }
            }

            return buffer[..length];
        }
    }
}
