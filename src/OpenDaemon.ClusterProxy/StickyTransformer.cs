using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace OpenDaemon.ClusterProxy;

/// <summary>
/// What the proxy changes in a forwarded request and its response, on top of YARP's defaults: the client's
/// address in <c>X-Forwarded-For</c> (appended to one already there) and <c>X-Forwarded-Proto</c>, and —
/// when the client is new to the instance — the stickiness cookie added to the response, after the app's
/// own headers (which may set cookies too).
/// </summary>
internal sealed class StickyTransformer((string Name, string Instance)? cookie) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            var address = (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
            var earlier = httpContext.Request.Headers["X-Forwarded-For"].ToString();
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", earlier.Length == 0 ? address : $"{earlier}, {address}");
        }

        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", httpContext.Request.Scheme);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (cookie is { } sticky)
        {
            var (name, instance) = sticky;
            httpContext.Response.Headers.Append("Set-Cookie", $"{name}={instance}; path=/; samesite=lax; httponly");
        }

        return proceed;
    }
}
