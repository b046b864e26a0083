using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using OpenDaemon.Plugins.Metrics.Collection;

namespace OpenDaemon.Plugins.Metrics.Export;

/// <summary>
/// Pushes passes to an OTLP/HTTP receiver (<c>POST /v1/metrics</c>, <c>application/x-protobuf</c>) every
/// <see cref="OtlpSettings.Interval"/>: a non-2xx answer, a timeout or a refused connection is a failure,
/// counted, with backoff (see <see cref="PushLoop"/>).
/// </summary>
internal sealed class OtlpExporter : PushLoop
{
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
        using var content = new ByteArrayContent(OtlpEncoder.Encode(frame, _start));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var request = new HttpRequestMessage(HttpMethod.Post, _settings.Endpoint) { Content = content };
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
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
