using System.Net;
using System.Net.Http.Headers;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>grpc</c>: the standard health protocol (<c>grpc.health.v1.Health/Check</c>) answers SERVING for
/// <c>service</c> (empty: the server as a whole). NOT_SERVING, UNKNOWN, SERVICE_UNKNOWN or an RPC error fail.
/// </summary>
/// <remarks>
/// The call is made as gRPC makes it, on the shared HTTP handlers: an HTTP/2 POST (cleartext with prior
/// knowledge for http, ALPN for https) whose body is one frame (<see cref="GrpcHealthWire"/>), the answer's
/// status in the <c>grpc-status</c> trailer (or header, for a trailers-only answer). The gRPC client
/// libraries would add about a megabyte to the one <c>od</c> binary, and every CLI command pays for
/// binary size at start-up.
/// </remarks>
internal sealed class GrpcProbe(Uri address, string? service, Func<HttpMessageHandler> handler) : IHealthProbe
{
    /// <summary>A health answer is a few bytes; anything larger than this is not one.</summary>
    private const int MaxAnswerBytes = 16 * 1024;

    private const int NotFound = 5;

    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    private readonly Uri _method = new(address, "/grpc.health.v1.Health/Check");
    private readonly byte[] _request = GrpcHealthWire.Request(service ?? string.Empty);
    private readonly string _what = string.IsNullOrEmpty(service) ? "server" : $"service \"{service}\"";

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        // The handler is asked for at each check: a caFile that cannot be read is then a failed check
        // with a message, and it is read again at the next check.
        using var invoker = new HttpMessageInvoker(handler(), disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, _method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(_request),
        };
        request.Content.Headers.ContentType = GrpcContentType;
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ProbeResult.Fail($"gRPC {StatusCodeName(FromHttpStatus(response.StatusCode))} from {address}: HTTP {(int)response.StatusCode}");
        }

        var body = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ProbeResult.Fail($"gRPC answer from {address} is larger than {MaxAnswerBytes} bytes");
        }

        // Trailers arrive after the body, so they are read once it has been read to its end.
        if (GrpcStatus(response) is not { } code)
        {
            return ProbeResult.Fail($"gRPC answer from {address} has no grpc-status");
        }

        if (code != 0)
        {
            return ProbeResult.Fail(code == NotFound
                ? $"{_what} is SERVICE_UNKNOWN (not registered with the health service)"
                : $"gRPC {StatusCodeName(code)} from {address}: {GrpcMessage(response)}");
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

    private static int? GrpcStatus(HttpResponseMessage response) =>
        int.TryParse(Header(response, "grpc-status"), out var code) ? code : null;

    private static string GrpcMessage(HttpResponseMessage response) =>
        Header(response, "grpc-message") is { Length: > 0 } message ? Uri.UnescapeDataString(message) : "no message";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    // What gRPC clients report for an HTTP error (the gRPC spec's "HTTP to gRPC status code mapping").
    private static int FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => 13,
        HttpStatusCode.Unauthorized => 16,
        HttpStatusCode.Forbidden => 7,
        HttpStatusCode.NotFound => 12,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => 14,
        _ => 2,
    };

    private static string StatusCodeName(int code) => code switch
    {
        1 => "Cancelled",
        2 => "Unknown",
        3 => "InvalidArgument",
        4 => "DeadlineExceeded",
        6 => "AlreadyExists",
        7 => "PermissionDenied",
        8 => "ResourceExhausted",
        9 => "FailedPrecondition",
        10 => "Aborted",
        11 => "OutOfRange",
        12 => "Unimplemented",
        13 => "Internal",
        14 => "Unavailable",
        15 => "DataLoss",
        16 => "Unauthenticated",
        _ => $"status {code}",
    };
}
