using System.Runtime.InteropServices;

namespace OpenDaemon.Cli.Monit.Terminal;

/// <summary>
/// tcgetattr/tcsetattr on a terminal, with the <c>struct termios</c> kept as opaque bytes: only the four
/// flag words (offsets 0, 4, 8, 12) and VMIN/VTIME in <c>c_cc</c> (from offset 17) are touched, which is the
/// layout of glibc and musl on every Linux architecture.
/// </summary>
internal static partial class Termios
{
    private const string Library = "libc";
    private const int Size = 128; // glibc's struct is 60 bytes; room to spare
    private const int InputFlags = 0;
    private const int ControlFlags = 8;
    private const int LocalFlags = 12;
    private const int ControlChars = 17;
    private const int VTime = 5;
    private const int VMin = 6;
    private const int SetNow = 0; // TCSANOW

    // c_iflag: BRKINT | INPCK | ISTRIP | ICRNL | IXON
    private const uint RawInputCleared = 0x2 | 0x10 | 0x20 | 0x100 | 0x400;

    // c_lflag: ISIG | ICANON | ECHO | IEXTEN: Ctrl-C arrives as a byte, keys arrive one by one, unechoed.
    private const uint RawLocalCleared = 0x1 | 0x2 | 0x8 | 0x8000;
    private const uint EightBit = 0x30; // CS8

    /// <summary>The terminal's current settings, or null when <paramref name="fd"/> is not a terminal.</summary>
    public static byte[]? Read(int fd)
    {
        var settings = new byte[Size];
        return GetAttributes(fd, settings) == 0 ? settings : null;
    }

    /// <summary>Applies settings read by <see cref="Read"/> (or made by <see cref="MakeRaw"/>); false when it failed.</summary>
    public static bool Write(int fd, byte[] settings) => SetAttributes(fd, SetNow, settings) == 0;

    /// <summary>A copy of <paramref name="settings"/> in raw mode (as cfmakeraw, output processing kept so "\n" still works).</summary>
    public static byte[] MakeRaw(byte[] settings)
    {
        var raw = (byte[])settings.Clone();
        Update(raw, InputFlags, flags => flags & ~RawInputCleared);
        Update(raw, ControlFlags, flags => flags | EightBit);
        Update(raw, LocalFlags, flags => flags & ~RawLocalCleared);
        raw[ControlChars + VMin] = 1;
        raw[ControlChars + VTime] = 0;
        return raw;
    }

    private static void Update(byte[] settings, int offset, Func<uint, uint> change)
    {
        var span = settings.AsSpan(offset, 4);
        MemoryMarshal.Write(span, change(MemoryMarshal.Read<uint>(span)));
    }

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, [Out] byte[] settings);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int when, [In] byte[] settings);
}
