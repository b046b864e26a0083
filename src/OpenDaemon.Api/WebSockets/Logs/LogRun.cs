using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace OpenDaemon.Api.WebSockets.Logs;

/// <summary>
/// Consecutive lines of one app instance in a frame of the shared follow, and the WebSocket messages built for them:
/// one per event name, however many clients get it, so a line is serialised once and not once per client.
/// </summary>
/// <remarks>Lives for one <see cref="LogFanout.SendBinaryAsync"/> call, on the follow's pump alone.</remarks>
internal sealed class LogRun
{
    /// <summary>The most line bytes in one message: larger runs are split (small arrays stay out of the large-object heap).</summary>
    public const int MaxBytes = 32 * 1024;

    private readonly byte[] _appUtf8;
    private string? _topic;
    private string? _messageTopic;
    private byte[]? _message;
    private List<(string Topic, byte[] Message)>? _others;

    private LogRun(string app, byte[] appUtf8, int? instance, int first)
    {
        App = app;
        _appUtf8 = appUtf8;
        Instance = instance;
        First = first;
    }

    public string App { get; }

    public int? Instance { get; }

    /// <summary>The index of its first line in the frame's line list.</summary>
    public int First { get; }

    public int Count { get; private set; }

    public int Bytes { get; private set; }

    /// <summary><c>log:&lt;app&gt;</c>: the event of these lines for a client of <c>log:*</c>.</summary>
    public string Topic => _topic ??= "log:" + App;

    /// <summary>Splits a frame of JSON lines (each a log entry) into runs, filling <paramref name="lines"/> with the line ranges.</summary>
    public static List<LogRun> Split(ReadOnlySpan<byte> frame, List<Range> lines)
    {
        List<LogRun> runs = [];
        LogRun? current = null;
        var offset = 0;
        while (offset < frame.Length)
        {
            var end = frame[offset..].IndexOf((byte)'\n');
            var length = end < 0 ? frame.Length - offset : end;
            var line = frame.Slice(offset, length);
            if (!line.IsEmpty)
            {
                var (sameApp, app, instance) = Identify(line, current);
                if (current is null || !sameApp || instance != current.Instance || current.Bytes + line.Length > MaxBytes)
                {
                    app ??= current!.App;
                    current = new LogRun(app, sameApp ? current!._appUtf8 : Encoding.UTF8.GetBytes(app), instance, lines.Count);
                    runs.Add(current);
                }

                current.Count++;
                current.Bytes += line.Length;
                lines.Add(new Range(offset, offset + length));
            }

            offset += length + 1;
        }

        return runs;
    }

    /// <summary>This run's message under <paramref name="topic"/>, built on first use.</summary>
    public byte[] MessageFor(string topic, ReadOnlySpan<byte> frame, List<Range> lines)
    {
        if (_message is null)
        {
            _messageTopic = topic;
            _message = Build(topic, frame, lines);
        }

        if (string.Equals(topic, _messageTopic, StringComparison.Ordinal))
        {
            return _message;
        }

        _others ??= [];
        foreach (var (other, message) in _others)
        {
            if (string.Equals(other, topic, StringComparison.Ordinal))
            {
                return message;
            }
        }

        var built = Build(topic, frame, lines);
        _others.Add((topic, built));
        return built;
    }

    private byte[] Build(string topic, ReadOnlySpan<byte> frame, List<Range> lines) =>
        WebSocketMessages.LogEvents(topic, frame, CollectionsMarshal.AsSpan(lines).Slice(First, Count));

    // processName and instanceId of a serialised LogEntry; the name is only turned into a string when it differs from
    // the current run's.
    private static (bool SameApp, string? App, int? Instance) Identify(ReadOnlySpan<byte> line, LogRun? current)
    {
        bool? sameApp = null;
        string? app = null;
        int? instance = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    if (reader.ValueTextEquals("processName"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        sameApp = current is not null && reader.ValueTextEquals(current._appUtf8);
                        app = sameApp == true ? null : reader.GetString();
                    }
                    else if (reader.ValueTextEquals("instanceId"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
                    {
                        instance = reader.GetInt32();
                        break; // written after processName
                    }
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not an entry: sent as it is, under "?".
        }

        if (sameApp is null)
        {
            sameApp = current?.App == "?";
            app = sameApp.Value ? null : "?";
        }

        return (sameApp.Value, app, instance);
    }
}
