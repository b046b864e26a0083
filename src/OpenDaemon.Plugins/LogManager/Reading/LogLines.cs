namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>Limits shared by the line readers.</summary>
internal static class LogLines
{
    /// <summary>Bytes read at a time.</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>
    /// A longer line (an app that never writes a newline) is cut to its first this many bytes, so that
    /// reading any file takes bounded memory.
    /// </summary>
    public const int MaxLineBytes = 8 * 1024 * 1024;

    /// <summary>The line without the '\r' of a CRLF ending.</summary>
    public static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        !line.IsEmpty && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
