using System.Net;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Maps the <c>api</c> section: <c>{ enabled, listen, tls: { cert, key }, cors: { origins }, rateLimit: { perSecond, burst } }</c>.
/// Null (API off) when the section is absent or <c>enabled: false</c>.
/// </summary>
internal static class ApiSettingsMapper
{
    public static ApiSettings? Map(ObjectReader r)
    {
        var defaults = new ApiSettings();
        var enabled = r.Bool("enabled");
        var listen = r.String("listen");
        if (listen is not null && !IsEndPoint(listen))
        {
            r.Context.Problem(r.PathOf("listen"), $"expected host:port with a numeric address, found {ObjectReader.Quote(listen)}", ObjectReader.Quote(listen), "\"127.0.0.1:9615\"");
            listen = null;
        }

        var tls = r.Object("tls", t => new Tls(t.String("cert", required: true) is { } cert ? ObjectReader.MakeAbsolute(cert, t.Context.BaseDirectory) : null, t.FilePath("key", t.Context.BaseDirectory)));
        var origins = r.Object("cors", c => c.StringList("origins"));
        var rate = r.Object("rateLimit", l => new Rate(l.Int("perSecond", min: 1, max: 1_000_000), l.Int("burst", min: 1, max: 1_000_000)));
        if (enabled == false)
        {
            return null;
        }

        return new ApiSettings
        {
            Listen = listen ?? defaults.Listen,
            CertificateFile = tls?.Cert,
            KeyFile = tls?.Key,
            CorsOrigins = origins ?? defaults.CorsOrigins,
            RequestsPerSecond = rate?.PerSecond ?? defaults.RequestsPerSecond,
            Burst = rate?.Burst ?? defaults.Burst,
        };
    }

    private sealed record Tls(string? Cert, string? Key);

    private sealed record Rate(int? PerSecond, int? Burst);

    private static bool IsEndPoint(string text) => IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port >= 0 && text.Contains(':', StringComparison.Ordinal);
}
