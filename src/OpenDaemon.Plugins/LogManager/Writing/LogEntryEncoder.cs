using System.Buffers;
using System.Text;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Turns one line of one stream into the bytes stored for it: a JSON Lines entry (spec §3.3, the
/// default) or the raw line behind an optional timestamp prefix (<see cref="LogFormat.Text"/>).
/// </summary>
/// <remarks>
/// Built for millions of lines a second: everything constant for the stream (pid, name, instance,
/// source, each level's spelling) is encoded once up front, the timestamp once per chunk
/// (<see cref="BeginChunk"/>), and a message of printable ASCII without <c>"</c> or <c>\</c> is
/// copied without looking at it twice. Property order is fixed:
/// <c>{"timestamp","level","pid","processName","instanceId","message","source"[,"metadata"]}</c>.
/// </remarks>
internal sealed class LogEntryEncoder
{
    private const int JsonHeadLength = 49; // {"timestamp":"<24 bytes>","level":"

    private readonly byte[][] _levelHeads;
    private readonly byte[] _tail;
    private readonly byte[] _metadataHead;
    private readonly byte[] _jsonHead = new byte[JsonHeadLength];
    private readonly ArrayBufferWriter<byte> _textHead = new(64);
    private readonly TextTimestamp _textTimestamp;
    private readonly TimeZoneInfo _localZone;

    public LogEntryEncoder(LogFormat format, string? timestampFormat, string processName, int instanceId, int pid, string source, TimeZoneInfo localZone)
    {
        Format = format;
        _localZone = localZone;
        _textTimestamp = TextTimestamp.Parse(timestampFormat);
        "{\"timestamp\":\""u8.CopyTo(_jsonHead);
        "\",\"level\":\""u8.CopyTo(_jsonHead.AsSpan(14 + IsoTimestamp.Length));

        var identity = new ArrayBufferWriter<byte>();
        identity.Write("\",\"pid\":"u8);
        identity.Write(Encoding.UTF8.GetBytes(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.Write(",\"processName\":\""u8);
        JsonStringEscaper.Write(identity, Encoding.UTF8.GetBytes(processName));
        identity.Write("\",\"instanceId\":"u8);
        identity.Write(Encoding.UTF8.GetBytes(instanceId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.Write(",\"message\":\""u8);
        _levelHeads = [.. LogLevels.All.Select(level => (byte[])[.. Encoding.UTF8.GetBytes(level), .. identity.WrittenSpan])];
        _tail = Encoding.UTF8.GetBytes($"\",\"source\":\"{source}\"}}\n");
        _metadataHead = Encoding.UTF8.GetBytes($"\",\"source\":\"{source}\",\"metadata\":");
    }

    public LogFormat Format { get; }

    /// <summary>True when lines need level detection to be encoded (the text format stores them raw).</summary>
    public bool NeedsDetection => Format == LogFormat.Json;

    /// <summary>Sets the time stamped on every line of the chunk that follows.</summary>
    public void BeginChunk(DateTimeOffset now)
    {
        if (Format == LogFormat.Json)
        {
            IsoTimestamp.Format(now, _jsonHead.AsSpan(14));
            return;
        }

        _textHead.ResetWrittenCount();
        _textTimestamp.Write(now, _localZone, _textHead);
    }

    /// <summary>Appends the stored form of <paramref name="line"/>, newline included.</summary>
    public void Encode(IBufferWriter<byte> output, ReadOnlySpan<byte> line, scoped in DetectedLine detected)
    {
        if (Format == LogFormat.Text)
        {
            var head = _textHead.WrittenSpan;
            var span = output.GetSpan(head.Length + line.Length + 1);
            head.CopyTo(span);
            line.CopyTo(span[head.Length..]);
            span[head.Length + line.Length] = (byte)'\n';
            output.Advance(head.Length + line.Length + 1);
            return;
        }

        var levelHead = _levelHeads[detected.Level];
        var message = detected.Message;
        if (detected.Metadata.IsEmpty && JsonStringEscaper.PlainPrefixLength(message) == message.Length)
        {
            // The fast path: one reservation, five copies.
            var length = JsonHeadLength + levelHead.Length + message.Length + _tail.Length;
            var span = output.GetSpan(length);
            _jsonHead.CopyTo(span);
            levelHead.CopyTo(span[JsonHeadLength..]);
            message.CopyTo(span[(JsonHeadLength + levelHead.Length)..]);
            _tail.CopyTo(span[(JsonHeadLength + levelHead.Length + message.Length)..]);
            output.Advance(length);
            return;
        }

        output.Write(_jsonHead);
        output.Write(levelHead);
        JsonStringEscaper.Write(output, message);
        if (detected.Metadata.IsEmpty)
        {
            output.Write(_tail);
            return;
        }

        output.Write(_metadataHead);
        output.Write(detected.Metadata);
        output.Write("}\n"u8);
    }
}
