using System.Text;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>http</c>/<c>https</c>: the request (method, headers) is answered with an expected status (any 2xx
/// by default) and, when <c>expectedBody</c> is set, a body that contains the text or matches the regex.
/// </summary>
internal sealed class HttpProbe : IHealthProbe
{
    /// <summary>Only the start of a body is searched: health endpoints answer a few bytes, and a huge one must not cost memory.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    private readonly HealthCheckConfig _check;
    private readonly HttpHandlers _handlers;
    private readonly HttpMethod _method;
    private readonly Uri _url;
    private readonly BodyMatcher? _body;

    public HttpProbe(HealthCheckConfig check, HttpHandlers handlers)
    {
        _check = check;
        _handlers = handlers;
        _method = new HttpMethod(check.Method);
        _url = new Uri(check.Url!);
        _body = check.ExpectedBody is { } body ? new BodyMatcher(body) : null;
    }

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        using var invoker = new HttpMessageInvoker(_handlers.For(_check.VerifyCertificate, _check.CaFile), disposeHandler: false);
        using var request = new HttpRequestMessage(_method, _url);
        foreach (var (name, value) in _check.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // Content-Type and friends belong to the content, even when there is none to send.
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (!StatusAccepted(status))
        {
            return ProbeResult.Fail($"HTTP {status}, expected {ExpectedStatusText()}");
        }

        if (_body is null)
        {
            return ProbeResult.Pass($"HTTP {status}");
        }

        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return _body.Matches(body)
            ? ProbeResult.Pass($"HTTP {status}, body {_body.Describe()}")
            : ProbeResult.Fail($"HTTP {status}, but the body does not {_body.Describe()}");
    }

    private bool StatusAccepted(int status) =>
        _check.ExpectedStatus.Count == 0 ? status is >= 200 and <= 299 : _check.ExpectedStatus.Contains(status);

    private string ExpectedStatusText() =>
        _check.ExpectedStatus.Count == 0 ? "2xx" : StatusCodeRanges.Describe(_check.ExpectedStatus);

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }
}
