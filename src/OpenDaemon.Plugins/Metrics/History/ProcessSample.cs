using System.Runtime.InteropServices;

namespace OpenDaemon.Plugins.Metrics.History;

/// <summary>
/// One pass of one instance as the history keeps it: 28 bytes, so an hour at 5 s (720 passes) is
/// about 20 KB per instance. Memory and I/O are in KiB (an int holds 2 TiB), I/O as the amount since
/// the previous pass, time as seconds since the history's epoch.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct ProcessSample(int AtSeconds, float CpuPercent, int MemoryKiB, int OpenFiles, int Threads, int IoReadKiB, int IoWriteKiB)
{
    /// <summary>Bytes one sample takes in a ring.</summary>
    public static int Size => Marshal.SizeOf<ProcessSample>();
}
