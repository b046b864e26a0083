namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>What <see cref="LevelDetector"/> found in one line. Spans are valid until the next detection.</summary>
/// <param name="level">Index into <see cref="Contracts.Logs.LogLevels.All"/> (0 trace … 5 fatal).</param>
/// <param name="message">The entry's message: the whole line, or a JSON logger's message field (unescaped UTF-8).</param>
/// <param name="metadata">The JSON logger's other fields as a JSON object, or empty.</param>
internal readonly ref struct DetectedLine(int level, ReadOnlySpan<byte> message, ReadOnlySpan<byte> metadata)
{
    public int Level { get; } = level;

    public ReadOnlySpan<byte> Message { get; } = message;

    public ReadOnlySpan<byte> Metadata { get; } = metadata;
}
