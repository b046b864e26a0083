using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using OpenDaemon.Plugins.Metrics.Collection;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// Pushes passes to an OTLP receiver every <see cref="OtlpSettings.Interval"/>: over HTTP (<c>POST /v1/metrics</c>,
/// <c>application/x-protobuf</c>) or over gRPC (<c>MetricsService/Export</c>, one unary call, see
/// <see cref="GrpcUnary"/>). A non-2xx answer, a gRPC status other than OK, a timeout or a refused connection is
/// a failure, counted, with backoff (see <see cref="PushLoop"/>).
/// </summary>
internal sealed class OtlpExporter : PushLoop
{
    private const string GrpcExportPath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private readonly OtlpSettings _settings;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly HttpClient _http;
    private DateTimeOffset? _lastPush;

    public OtlpExporter(OtlpSettings settings, TimeProvider time, ILogger logger)
        : base(new ExporterHealth("otlp", settings.Endpoint.ToString(), time), logger)
    {
        _settings = settings;
        _time = time;
        _start = time.GetUtcNow();
        // The timeout runs on the daemon's clock (see PushAsync), not HttpClient's own.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    protected override bool IsDue(MetricsFrame frame) =>
        _lastPush is not { } last || frame.At - last >= _settings.Interval - TimeSpan.FromMilliseconds(100);

    protected override async Task PushAsync(MetricsFrame frame, CancellationToken cancellationToken)
    {
        _lastPush = frame.At;
        var body = OtlpEncoder.Encode(frame, _start);
        using var request = _settings.Protocol == OtlpProtocol.Grpc
            ? GrpcUnary.Request(new Uri(_settings.Endpoint, GrpcExportPath), GrpcUnary.Frame(body))
            : HttpRequest(body);
        foreach (var (name, value) in _settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {_settings.Timeout.TotalSeconds:0.###}s");
        }

        using var _ = response;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (_settings.Protocol == OtlpProtocol.Grpc)
        {
            // The status is a trailer: it arrives once the (small) ExportMetricsServiceResponse has been read.
            await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (GrpcUnary.Status(response) is not 0)
            {
                var code = GrpcUnary.Status(response);
                throw new HttpRequestException(code is { } status ? $"gRPC {GrpcUnary.StatusCodeName(status)}: {GrpcUnary.Message(response)}" : "gRPC answer without grpc-status");
            }
        }
    }

    private HttpRequestMessage HttpRequest(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return new HttpRequestMessage(HttpMethod.Post, _settings.Endpoint) { Content = content };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
