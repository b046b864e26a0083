using System.Runtime.InteropServices;

namespace OpenDaemon.Plugins.Metrics.History;

/// <summary>One pass of the machine as the history keeps it (16 bytes); CPU is NaN on the first pass.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct SystemSample(int AtSeconds, float CpuPercent, long MemoryUsedKiB, float Load1)
{
    /// <summary>Bytes one sample takes in a ring.</summary>
    public static int Size => Marshal.SizeOf<SystemSample>();
}
