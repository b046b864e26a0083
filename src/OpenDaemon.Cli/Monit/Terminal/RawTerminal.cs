using Microsoft.Win32.SafeHandles;

namespace OpenDaemon.Cli.Monit.Terminal;

/// <summary>
/// The terminal while <c>od monit</c> runs: raw keyboard (termios), the alternate screen, no cursor, mouse
/// clicks reported (SGR mode). <see cref="Dispose"/> puts every setting back, exactly once, whoever calls it
/// first: the quit key, Ctrl-C (a byte in raw mode), the SIGTERM/SIGHUP handler, or the command's finally.
/// </summary>
/// <remarks>
/// Concurrency: keys are read by one background thread blocked in read(2) on stdin (it is never joined: the
/// process exits after the terminal is restored). Writes come only from the session's loop. Restoring is
/// guarded by an interlocked flag because a signal handler may race the loop.
/// </remarks>
internal sealed class RawTerminal : IDisposable
{
    private const int StandardInput = 0;
    private const string Enter = "\u001b[?1049h\u001b[?25l\u001b[?1000h\u001b[?1006h\u001b[2J";
    private const string Leave = "\u001b[?1006l\u001b[?1000l\u001b[0m\u001b[?25h\u001b[?1049l";

    private readonly byte[] _saved;
    private readonly Stream _output;
    private int _restored;

    private RawTerminal(byte[] saved, Stream output)
    {
        _saved = saved;
        _output = output;
    }

    /// <summary>Switches the terminal over; null when stdin is not a terminal (nothing is changed then).</summary>
    public static RawTerminal? TryEnter(Stream output)
    {
        if (Termios.Read(StandardInput) is not { } saved || !Termios.Write(StandardInput, Termios.MakeRaw(saved)))
        {
            return null;
        }

        var terminal = new RawTerminal(saved, output);
        terminal.Write(Enter);
        return terminal;
    }

    /// <summary>The terminal's size now (it follows resizes).</summary>
    public static (int Width, int Height) Size()
    {
        try
        {
            return (Console.WindowWidth, Console.WindowHeight);
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }

    /// <summary>Starts the thread that reads keys and hands each chunk of bytes to <paramref name="onInput"/>; it ends with stdin.</summary>
    public static void StartReading(Action<byte[]> onInput, Action onEnd)
    {
        var thread = new Thread(() =>
        {
            using var input = new FileStream(new SafeFileHandle(StandardInput, ownsHandle: false), FileAccess.Read, bufferSize: 0);
            var buffer = new byte[256];
            try
            {
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    onInput(buffer[..read]);
                }
            }
            catch (IOException)
            {
                // The terminal went away (ssh closed): same as the end of input.
            }

            onEnd();
        })
        {
            IsBackground = true,
            Name = "od monit keys",
        };
        thread.Start();
    }

    public void Write(string text)
    {
        if (Volatile.Read(ref _restored) == 0)
        {
            _output.Write(System.Text.Encoding.UTF8.GetBytes(text));
            _output.Flush();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
        {
            _output.Write(System.Text.Encoding.UTF8.GetBytes(Leave));
            _output.Flush();
            Termios.Write(StandardInput, _saved);
        }
    }
}
