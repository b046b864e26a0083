using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// The HTTP connection pools of every http, https and grpc check, shared by all watches: one for
/// verified TLS (the system's trust store), one that skips verification, and one per CA file. A pool
/// per watch would keep a thousand idle pools; a shared one reuses keep-alive connections to each app.
/// </summary>
internal sealed class HttpHandlers : IDisposable
{
    private readonly SocketsHttpHandler _verified = Create(null);
    private readonly Lazy<SocketsHttpHandler> _unverified = new(() => Create(static (_, _, _, _) => true));
    private readonly ConcurrentDictionary<string, SocketsHttpHandler> _byCaFile = new(StringComparer.Ordinal);

    /// <summary>The pool for these TLS settings.</summary>
    /// <exception cref="IOException">The CA file cannot be read.</exception>
    /// <exception cref="CryptographicException">The CA file holds no certificate.</exception>
    public HttpMessageHandler For(bool verifyCertificate, string? caFile)
    {
        if (!verifyCertificate)
        {
            return _unverified.Value;
        }

        if (caFile is null)
        {
            return _verified;
        }

        // Loaded on first use, not cached when it fails: the file may be fixed while the app runs.
        return _byCaFile.TryGetValue(caFile, out var handler) ? handler : _byCaFile.GetOrAdd(caFile, Create(TrustOnly(LoadCertificates(caFile))));
    }

    public void Dispose()
    {
        _verified.Dispose();
        if (_unverified.IsValueCreated)
        {
            _unverified.Value.Dispose();
        }

        foreach (var handler in _byCaFile.Values)
        {
            handler.Dispose();
        }
    }

    private static SocketsHttpHandler Create(RemoteCertificateValidationCallback? validate) => new()
    {
        // A health check reports what the endpoint itself answers: a redirect is a status like any other,
        // cookies and proxies (HTTP_PROXY) have no business between the daemon and its own apps.
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate },
    };

    private static X509Certificate2Collection LoadCertificates(string caFile)
    {
        var certificates = new X509Certificate2Collection();
        var text = File.ReadAllText(caFile);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            certificates.ImportFromPem(text);
        }
        else
        {
            certificates.Add(X509CertificateLoader.LoadCertificateFromFile(caFile));
        }

        return certificates.Count > 0 ? certificates : throw new CryptographicException($"caFile {caFile} holds no certificate");
    }

    // The server's chain must end in one of the given CAs (and only those): a private CA for an app's
    // own certificate, without adding it to the machine's trust store. Name mismatches still fail.
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2Collection authorities) =>
        (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var server = new X509Certificate2(certificate);
            return chain.Build(server);
        };
}
