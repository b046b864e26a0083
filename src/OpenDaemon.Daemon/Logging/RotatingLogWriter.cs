using System.Text;

namespace OpenDaemon.Daemon.Logging;

/// <summary>
/// The daemon's own log file, rotated by size: once it passes <paramref name="maxBytes"/> it becomes
/// <c>daemon.log.1</c> (the older ones shift to <c>.2</c> ... up to <paramref name="keep"/>, the oldest is
/// deleted) and a fresh file is opened. Called under the logger provider's lock only.
/// </summary>
internal sealed class RotatingLogWriter(string path, long maxBytes, int keep) : TextWriter
{
    /// <summary>10 MB per file.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>Three rotated files are kept beside the live one.</summary>
    public const int DefaultKeep = 3;

    private StreamWriter _inner = TextWriterLoggerProvider.OpenFile(path);

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value) => _inner.Write(value);

    public override void WriteLine(string? value)
    {
        _inner.WriteLine(value);
        if (_inner.BaseStream.Length >= maxBytes)
        {
            Rotate();
        }
    }

    public override void Flush() => _inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Rotate()
    {
        try
        {
            _inner.Dispose();
            File.Delete($"{path}.{keep}");
            for (var i = keep - 1; i >= 1; i--)
            {
                if (File.Exists($"{path}.{i}"))
                {
                    File.Move($"{path}.{i}", $"{path}.{i + 1}", overwrite: true);
                }
            }

            File.Move(path, $"{path}.1", overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Rotation failed (a read-only directory?): keep appending to the same file rather than lose lines.
        }

        _inner = TextWriterLoggerProvider.OpenFile(path);
    }
}
