using OpenDaemon.Hosting.Memory;

namespace OpenDaemon.Hosting.Tests.Memory;

public sealed class ExecutablePagesTests
{
    private const string Executable = "/usr/local/bin/od-daemon";

    [Theory]
    [InlineData("55b5f897d000-55b5f9418000 r-xp 00020000 fe:00 11690131                   /usr/local/bin/od-daemon", 0x55b5f897d000, 0x55b5f9418000)]
    [InlineData("55b5f9418000-55b5f99b3000 r--p 00abb000 fe:00 11690131 /usr/local/bin/od-daemon", 0x55b5f9418000, 0x55b5f99b3000)]
    [InlineData("55b5f9418000-55b5f99b3000 r--p 00abb000 fe:00 11690131 /usr/local/bin/od-daemon (deleted)", 0x55b5f9418000, 0x55b5f99b3000)]
    public void ReadOnlyMappingOf_TheExecutablesReadOnlyMapping_IsItsRange(string line, long start, long end) =>
        Assert.Equal((start, end), ExecutablePages.ReadOnlyMappingOf(line, Executable));

    [Theory]
    [InlineData("55b5f9dd9000-55b5f9e24000 rw-p 0147b000 fe:00 11690131                   /usr/local/bin/od-daemon")] // written data
    [InlineData("7f1c2a000000-7f1c2a021000 r-xp 00000000 fe:00 42                         /usr/lib/x86_64-linux-gnu/libc.so.6")] // shared with others
    [InlineData("7ffd5b6f1000-7ffd5b712000 rw-p 00000000 00:00 0                          [stack]")]
    [InlineData("7f1c2a000000-7f1c2a021000 rw-p 00000000 00:00 0")] // anonymous
    [InlineData("55b5f897d000-55b5f9418000 r-xp 00020000 fe:00 11690131 /usr/local/bin/od-daemon-old")]
    public void ReadOnlyMappingOf_AnythingElse_IsNull(string line) =>
        Assert.Null(ExecutablePages.ReadOnlyMappingOf(line, Executable));

    [Fact]
    public void Release_OnLinux_AdvisesTheReadOnlyMappingsOfThisProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // madvise(MADV_PAGEOUT) is Linux's: elsewhere Release does nothing
        }

        long advised = ExecutablePages.Release();

        Assert.True(advised > 0, "the test host's executable has read-only mappings to release");
        Assert.Equal(0, advised % Environment.SystemPageSize);
    }
}
