using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenDaemon.Plugins.Tests.HealthCheck.Support;

/// <summary>A private CA and a server certificate it signed for localhost and 127.0.0.1, made fresh in memory.</summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public static TestCertificates Create()
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=OpenDaemon Test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = serverRequest.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // Through PKCS#12 so the server's key is a persisted one that TLS on Linux can use.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new TestCertificates(authority, server);
    }

    /// <summary>Writes the CA certificate as PEM (what <c>caFile</c> names) and returns the path.</summary>
    public string WriteAuthorityPem(string path)
    {
        File.WriteAllText(path, Authority.ExportCertificatePem());
        return path;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
