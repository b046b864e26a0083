using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace OpenDaemon.Plugins.Shared;

/// <summary>
/// One unary gRPC call made by hand on an <see cref="HttpClient"/> handler, as the gRPC libraries make it: an
/// HTTP/2 POST (cleartext with prior knowledge for http, ALPN for https) whose body is one length-prefixed
/// message, the answer's status in the <c>grpc-status</c> trailer (or header, for a trailers-only answer). Used
/// by the gRPC health probe and the OTLP/gRPC exporter; the gRPC client libraries would add about a megabyte.
/// </summary>
internal static class GrpcUnary
{
    /// <summary>The 1-byte compression flag and the 4-byte big-endian length before every message.</summary>
    public const int PrefixLength = 5;

    private static readonly MediaTypeHeaderValue ContentType = new("application/grpc");

    /// <summary>The message with its gRPC prefix (uncompressed).</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var frame = new byte[PrefixLength + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame.AsSpan(PrefixLength));
        return frame;
    }

    /// <summary>The HTTP/2 request of a call to <paramref name="method"/> carrying <paramref name="framed"/> (see <see cref="Frame"/>).</summary>
    public static HttpRequestMessage Request(Uri method, byte[] framed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed),
        };
        request.Content.Headers.ContentType = ContentType;
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }

    /// <summary>The call's status; read it after the body was read to its end (trailers come last).</summary>
    public static int? Status(HttpResponseMessage response) =>
        int.TryParse(Header(response, "grpc-status"), out var code) ? code : null;

    /// <summary>The call's <c>grpc-message</c>, decoded; "no message" without one.</summary>
    public static string Message(HttpResponseMessage response) =>
        Header(response, "grpc-message") is { Length: > 0 } message ? Uri.UnescapeDataString(message) : "no message";

    /// <summary>What gRPC clients report for an HTTP error (the gRPC spec's "HTTP to gRPC status code mapping").</summary>
    public static int FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => 13,
        HttpStatusCode.Unauthorized => 16,
        HttpStatusCode.Forbidden => 7,
        HttpStatusCode.NotFound => 12,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => 14,
        _ => 2,
    };

    /// <summary>The status code's name as gRPC spells it ("Unavailable").</summary>
    public static string StatusCodeName(int code) => code switch
    {
        1 => "Cancelled",
        2 => "Unknown",
        3 => "InvalidArgument",
        4 => "DeadlineExceeded",
        5 => "NotFound",
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

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;
}
