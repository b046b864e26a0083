using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Kernel.Tls;

/// <summary>The certificates the daemon serves TLS with (the API's <c>api.tls</c>, a cluster proxy's <c>cluster.tls</c>): PEM files.</summary>
public static class PemCertificates
{
    /// <summary>
    /// Loads a PEM certificate and its private key (<paramref name="keyFile"/> null: the certificate file holds
    /// it). A file that cannot be read or parsed is CONFIG_INVALID, naming <paramref name="field"/> and the file.
    /// </summary>
    public static X509Certificate2 Load(string field, string certificateFile, string? keyFile)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception error) when (error is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DaemonException(
                ErrorCode.ConfigInvalid,
                $"{field}: cannot load the certificate {certificateFile}{(keyFile is null ? "" : $" with key {keyFile}")}: {error.Message}",
                "give PEM files: tls.cert (certificate) and tls.key (its private key, unless the certificate file holds it)",
                error);
        }
    }
}
