using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Tests.Memory;

public sealed class NativeHeapTests
{
    [Fact]
    public void LimitArenas_SucceedsExactlyWithGlibc()
    {
        // glibc maps libc.so.6 into every process; musl, macOS and the BSDs do not, and there it is a no-op.
        var glibc = OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/maps").Contains("/libc.so.6", StringComparison.Ordinal);

        Assert.Equal(glibc, NativeHeap.LimitArenas());
        Assert.Equal(glibc, NativeHeap.LimitArenas()); // and again: idempotent
    }
}
