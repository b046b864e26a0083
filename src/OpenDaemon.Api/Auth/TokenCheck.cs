using System.Security.Cryptography;
using System.Text;
using OpenDaemon.Ipc;

namespace OpenDaemon.Api.Auth;

/// <summary>
/// Checks bearer tokens against <c>$OD_HOME/auth-token</c>. The file is read again when its write time
/// changes, so <c>od api token --rotate</c> takes effect at the next request without a daemon restart.
/// Comparison is constant-time.
/// </summary>
internal sealed class TokenCheck
{
    private readonly ApiTokenFile _file;
    private readonly Lock _gate = new();
    private DateTime _readAt;
    private byte[] _token = [];
    private string _tokenId = string.Empty;

    public TokenCheck(ApiTokenFile file)
    {
        _file = file;
        Load(file.ReadOrCreate());
    }

    /// <summary>The id of the token when <paramref name="authorization"/> carries the current one, else null.</summary>
    public string? Verify(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var (token, id) = Current();
        var presented = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, token) ? id : null;
    }

    private (byte[] Token, string Id) Current()
    {
        lock (_gate)
        {
            var writtenAt = File.GetLastWriteTimeUtc(_file.Path);
            if (writtenAt != _readAt)
            {
                Load(_file.ReadOrCreate());
            }

            return (_token, _tokenId);
        }
    }

    private void Load(string token)
    {
        _readAt = File.GetLastWriteTimeUtc(_file.Path);
        _token = Encoding.UTF8.GetBytes(token);
        _tokenId = ApiTokenFile.IdOf(token);
    }
}
