using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// glibc's mallopt: not in POSIX, a stub in musl; callers go through <see cref="NativeHeap"/>, which
/// tolerates its absence.
/// </content>
internal static partial class LibC
{
    /// <summary>mallopt's M_ARENA_MAX (glibc malloc.h).</summary>
    internal const int MallocArenaMax = -8;

    /// <summary>mallopt(3); returns 1 on success, 0 on error (and always 0 in musl).</summary>
    [LibraryImport(Library, EntryPoint = "mallopt")]
    internal static partial int MallOpt(int parameter, int value);
}
