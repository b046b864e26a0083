using Microsoft.AspNetCore.Http;

namespace OpenDaemon.Api.Http;

/// <summary>
/// CORS, off unless <c>api.cors.origins</c> names origins: a request without an <c>Origin</c> header (curl,
/// SDKs, scripts) is not a browser's and passes; a browser's from a listed origin gets the CORS headers; one
/// from any other origin is refused, so a web page the operator happens to open cannot drive the daemon.
/// </summary>
internal sealed class CorsPolicy(IReadOnlyList<string> origins)
{
    /// <summary>Adds the CORS headers when the origin is allowed; false when a browser origin is not.</summary>
    public bool Apply(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!origins.Contains(origin, StringComparer.OrdinalIgnoreCase) && !origins.Contains("*", StringComparer.Ordinal))
        {
            return false;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (IsPreflight(context))
        {
            headers.AccessControlAllowMethods = "GET, POST, PUT, DELETE";
            headers.AccessControlAllowHeaders = "Authorization, Content-Type";
            headers.AccessControlMaxAge = "600";
        }

        return true;
    }

    public static bool IsPreflight(HttpContext context) =>
        HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.AccessControlRequestMethod.Count > 0;
}
