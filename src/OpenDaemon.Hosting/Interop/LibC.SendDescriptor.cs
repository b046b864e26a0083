using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Interop;

/// <content>
/// sendmsg(2) with one descriptor in an SCM_RIGHTS control message: how a connection accepted by the daemon is
/// handed to an instance over its Node IPC channel (Linux x86-64/arm64 layouts of msghdr and cmsghdr).
/// </content>
internal static partial class LibC
{
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int NoSignal = 0x4000; // MSG_NOSIGNAL: a peer that went away is EPIPE, not SIGPIPE
    private const int DontWait = 0x40; // MSG_DONTWAIT: a full channel is EAGAIN, never a blocked caller

    /// <summary>Sends <paramref name="payload"/> with a copy of <paramref name="descriptor"/> attached; 0, or the errno.</summary>
    internal static unsafe int SendWithDescriptor(int channel, ReadOnlySpan<byte> payload, int descriptor)
    {
        // cmsghdr: size_t cmsg_len; int cmsg_level; int cmsg_type; then the int, padded to 8 (CMSG_SPACE(4) = 24).
        const int ControlLength = 24;
        byte* control = stackalloc byte[ControlLength];
        new Span<byte>(control, ControlLength).Clear();
        *(nuint*)control = (nuint)(sizeof(nuint) + (2 * sizeof(int)) + sizeof(int)); // CMSG_LEN(sizeof(int))
        *(int*)(control + sizeof(nuint)) = SolSocket;
        *(int*)(control + sizeof(nuint) + sizeof(int)) = ScmRights;
        *(int*)(control + sizeof(nuint) + (2 * sizeof(int))) = descriptor;
        fixed (byte* data = payload)
        {
            var vector = new IoVector { Base = data, Length = (nuint)payload.Length };
            var header = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = ControlLength };
            var sent = SendMsgCore(channel, &header, NoSignal | DontWait);
            return sent == payload.Length ? 0 : sent < 0 ? Marshal.GetLastPInvokeError() : Errno.WouldBlock;
        }
    }

    [LibraryImport(Library, EntryPoint = "sendmsg", SetLastError = true)]
    private static unsafe partial nint SendMsgCore(int socket, MessageHeader* message, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }
}
