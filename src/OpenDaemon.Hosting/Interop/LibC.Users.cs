using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// The user and group database (the reentrant getpw*_r/getgr*_r, so NSS modules such as LDAP work and
/// concurrent lookups are safe), the effective ids, and chown.
/// </content>
internal static partial class LibC
{
    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    [LibraryImport(Library, EntryPoint = "getegid")]
    internal static partial uint GetEffectiveGroupId();

    /// <summary>Returns 0 (with <paramref name="result"/> null when there is no such user) or the error number.</summary>
    [LibraryImport(Library, EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GetPasswdByName(string name, out Passwd entry, IntPtr buffer, nuint bufferLength, out IntPtr result);

    [LibraryImport(Library, EntryPoint = "getpwuid_r")]
    internal static partial int GetPasswdById(uint uid, out Passwd entry, IntPtr buffer, nuint bufferLength, out IntPtr result);

    [LibraryImport(Library, EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GetGroupByName(string name, out Group entry, IntPtr buffer, nuint bufferLength, out IntPtr result);

    /// <summary>chown(2) (follows symlinks; a socket file has none); returns 0 or the errno.</summary>
    internal static int ChangeOwner(string path, uint uid, uint gid) => ChownCore(path, uid, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport(Library, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChownCore(string path, uint uid, uint gid);

    /// <summary>struct passwd (Linux, 64-bit). The pointers point into the caller's buffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Passwd
    {
        public IntPtr Name;
        public IntPtr Password;
        public uint UserId;
        public uint GroupId;
        public IntPtr Gecos;
        public IntPtr HomeDirectory;
        public IntPtr Shell;
    }

    /// <summary>struct group (Linux, 64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Group
    {
        public IntPtr Name;
        public IntPtr Password;
        public uint GroupId;
        public IntPtr Members;
    }
}
