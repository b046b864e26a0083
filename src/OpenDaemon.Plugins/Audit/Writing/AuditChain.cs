using OpenDaemon.Ipc.Hashing;

namespace OpenDaemon.Plugins.Audit.Writing;

/// <summary>
/// The hash chain: each line's <c>prev</c> is the SHA-256 (lower-case hex) of the previous line's
/// bytes without its newline; the first line ever written carries <see cref="Genesis"/>. Editing a
/// line changes its hash (the next line no longer matches), deleting or inserting a line breaks the
/// link at that place.
/// </summary>
internal static class AuditChain
{
    /// <summary>The <c>prev</c> of the very first line.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(ReadOnlySpan<byte> line)
    {
        Span<byte> digest = stackalloc byte[Sha256.HashSizeInBytes];
        Sha256.HashData(line, digest);
        return Convert.ToHexStringLower(digest);
    }
}
