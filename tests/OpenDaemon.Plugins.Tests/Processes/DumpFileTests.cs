using System.Diagnostics;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Plugins.ProcessManager.Persistence;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Processes;

public sealed class DumpFileTests
{
    [RootFact]
    public async Task WriteAsync_FileSystemFull_ThrowsDiskFullAndKeepsPreviousDump()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, await RunAsync("mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", dir.FullPath));
        try
        {
            var path = dir.File("dump.json");
            var dump = new ProcessDump { SavedAt = DateTimeOffset.UnixEpoch, Apps = [] };
            await DumpFile.WriteAsync(path, dump, CancellationToken.None).WaitAsync(TestTimeouts.Short);
            var before = await File.ReadAllBytesAsync(path);
            await FillAsync(dir.File("filler"));

            var error = await Assert.ThrowsAsync<DaemonException>(() => DumpFile.WriteAsync(path, dump, CancellationToken.None).WaitAsync(TestTimeouts.Short));

            Assert.Equal(ErrorCode.DiskFull, error.Code);
            Assert.Contains("no space left", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            Assert.Equal(0, await RunAsync("umount", dir.FullPath));
        }
    }

    private static async Task FillAsync(string path)
    {
        // Unbuffered: nothing is left to flush (and fail) on dispose.
        await using var filler = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1024];
        try
        {
            for (var i = 0; i < 1024; i++)
            {
                await filler.WriteAsync(block);
            }
        }
        catch (IOException)
        {
            // Full: what we wanted.
        }
    }

    private static async Task<int> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(file, arguments);
        await process.WaitForExitAsync().WaitAsync(TestTimeouts.Process);
        return process.ExitCode;
    }
}
