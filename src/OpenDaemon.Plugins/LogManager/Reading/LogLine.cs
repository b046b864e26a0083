namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>One line of a log file and where it is: what a cursor needs to continue right after it.</summary>
/// <param name="Bytes">The line without its newline; valid only until the reader moves on.</param>
/// <param name="Start">Offset of its first byte (in the uncompressed data).</param>
/// <param name="End">Offset just past its newline (past its last byte when it has none).</param>
internal readonly record struct LogLine(ReadOnlyMemory<byte> Bytes, long Start, long End);
