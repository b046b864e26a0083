using System.Security.Cryptography;
using System.Text;
using OpenDaemon.Ipc.Hashing;

namespace OpenDaemon.Ipc;

/// <summary>
/// The API's bearer token in <c>$OD_HOME/auth-token</c> (mode 0600): created on first use, replaced by
/// <c>od api token --rotate</c>. Shared by the daemon (which checks requests against it) and the CLI (which
/// prints and rotates it); both write it atomically (temp file, rename), so a reader never sees half a token.
/// </summary>
public sealed class ApiTokenFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A token file inside <paramref name="home"/>.</summary>
    public ApiTokenFile(string home) => Path = System.IO.Path.Combine(home, "auth-token");

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>A short, stable name for a token, safe to log and audit (never the token itself).</summary>
    public static string IdOf(string token) =>
        Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(token)))[..12];

    /// <summary>The current token, or null when there is none yet.</summary>
    /// <exception cref="IOException">The file is a symlink or not private to its owner (someone could read or plant it).</exception>
    public string? Read()
    {
        var info = new FileInfo(Path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.LinkTarget is not null || (OperatingSystem.IsWindows() ? false : (info.UnixFileMode & ~OwnerOnly) != 0))
        {
            throw new IOException($"{Path} must be a regular file only its owner can read (chmod 600 {Path}, or rotate it with 'od api token --rotate')");
        }

        var token = File.ReadAllText(Path).Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>The current token, creating one when there is none.</summary>
    public string ReadOrCreate() => Read() ?? Write(NewToken());

    /// <summary>Replaces the token: every client holding the old one gets 401 from now on.</summary>
    public string Rotate() => Write(NewToken());

    private static string NewToken() => "od_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Write(string token)
    {
        var temporary = Path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        File.Delete(temporary);
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
        return token;
    }
}
