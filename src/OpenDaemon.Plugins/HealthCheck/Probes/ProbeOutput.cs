using System.Net.Sockets;
using System.Text;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// Drains a probe process's stdout and stderr (a full pipe would block it) and keeps the end of each,
/// so that a failure can say what the script printed last.
/// </summary>
internal sealed class ProbeOutput
{
    private const int TailBytes = 512;

    private readonly byte[] _stdout = new byte[TailBytes];
    private readonly byte[] _stderr = new byte[TailBytes];
    private int _stdoutLength;
    private int _stderrLength;

    private ProbeOutput(Socket stdout, Socket stderr)
    {
        Completion = Task.WhenAll(
            DrainAsync(stdout, _stdout, length => _stdoutLength = length),
            DrainAsync(stderr, _stderr, length => _stderrLength = length));
    }

    /// <summary>Completes when both streams reached their end (every process holding them is gone).</summary>
    public Task Completion { get; }

    public static ProbeOutput Start(Socket stdout, Socket stderr) => new(stdout, stderr);

    /// <summary>The last line of stderr, or else of stdout; null when the process printed nothing.</summary>
    public string? LastLine()
    {
        var text = LastLineOf(_stderr, _stderrLength) ?? LastLineOf(_stdout, _stdoutLength);
        return text is { Length: > 200 } ? text[..200] + "…" : text;
    }

    private static string? LastLineOf(byte[] tail, int length)
    {
        var lines = Encoding.UTF8.GetString(tail, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : lines[^1];
    }

    // Keeps the last TailBytes of the stream: each read goes after what is kept, and when the buffer is
    // full its second half moves to the front.
    private static async Task DrainAsync(Socket socket, byte[] tail, Action<int> setLength)
    {
        var length = 0;
        try
        {
            while (true)
            {
                if (length == tail.Length)
                {
                    Array.Copy(tail, tail.Length / 2, tail, 0, tail.Length / 2);
                    length = tail.Length / 2;
                }

                var read = await socket.ReceiveAsync(tail.AsMemory(length), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                setLength(length);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The probe was cut and its sockets closed: what was read so far is all there is.
        }
    }
}
