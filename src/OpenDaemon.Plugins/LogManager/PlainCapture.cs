using System.Buffers;
using System.Net.Sockets;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// Copies one run's stdout and stderr to its log files and keeps the tail of stderr. Reads wait
/// with a zero-byte receive (epoll, no thread, no buffer) and borrow a buffer only while data is
/// there, so a thousand idle apps hold no read buffers. (Structured logs, rotation and search are
/// the log manager's: this is the plain capture it builds on.)
/// </summary>
internal sealed class PlainCapture : ProcessManager.IRunOutput
{
    public const int StderrTailLines = 20;
    private const int ChunkSize = 16 * 1024;

    private PlainCapture(Task completion, LineTail tail)
    {
        Completion = completion;
        StderrTail = tail;
    }

    /// <summary>Completes when both streams reached end of file (every writer closed them).</summary>
    public Task Completion { get; }

    public LineTail StderrTail { get; }

    public IReadOnlyList<string> LastLines() => StderrTail.Lines();

    public static PlainCapture Start(Socket stdout, Socket stderr, ProcessLogPaths paths)
    {
        var tail = new LineTail(StderrTailLines);
        var completion = Task.WhenAll(
            Task.Run(() => PumpAsync(stdout, paths.Out, null)),
            Task.Run(() => PumpAsync(stderr, paths.Err, tail)));
        return new PlainCapture(completion, tail);
    }

    private static async Task PumpAsync(Socket source, string logPath, LineTail? tail)
    {
        FileStream? log = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            while (true)
            {
                await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                try
                {
                    var read = await source.ReceiveAsync(buffer.AsMemory(0, ChunkSize), SocketFlags.None).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    tail?.Append(buffer.AsSpan(0, read));
                    await log.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or IOException or UnauthorizedAccessException)
        {
            // The run is over (socket closed) or the log cannot be written; neither may take the
            // daemon down. A log that cannot be opened still lets the app run: its output is drained.
            if (log is null && error is IOException or UnauthorizedAccessException)
            {
                await DrainAsync(source).ConfigureAwait(false);
            }
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task DrainAsync(Socket source)
    {
        var buffer = new byte[4096];
        try
        {
            while (await source.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Closed: nothing left to drain.
        }
    }
}
