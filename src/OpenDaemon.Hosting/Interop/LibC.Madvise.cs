using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>madvise(2), for <see cref="Memory.ExecutablePages"/>.</content>
internal static partial class LibC
{
    /// <summary>MADV_PAGEOUT (Linux 5.4+): reclaim these pages now; they are read back on their next use.</summary>
    internal const int AdvicePageOut = 21;

    /// <summary>madvise(2); returns 0 or the errno.</summary>
    internal static int Madvise(nint address, nuint length, int advice) =>
        MadviseCore(address, length, advice) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport(Library, EntryPoint = "madvise", SetLastError = true)]
    private static partial int MadviseCore(nint address, nuint length, int advice);
}
