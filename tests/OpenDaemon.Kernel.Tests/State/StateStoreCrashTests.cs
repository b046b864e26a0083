using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Kernel.State;
using OpenDaemon.Kernel.Tests.Support;

namespace OpenDaemon.Kernel.Tests.State;

/// <summary>A real child process writing state in a loop is SIGKILLed: the file must hold a whole old or new value.</summary>
public sealed class StateStoreCrashTests
{
    [Fact]
    public async Task FlushAsync_WriterKilledMidLoop_FileHoldsWholeOldOrNewValue()
    {
        using var directory = new TempDirectory();
        string path = directory.File("writer.json");
        int lastConfirmed = 0;

        // Several kills at different points of the write loop.
        for (int round = 0; round < 3; round++)
        {
            await using var child = ChildProcess.StartDotnetChild(ChildEntryPoint.StateWriterMode, path);
            int target = 5 + (round * 7);
            int written = 0;
            while (written < target)
            {
                string line = await child.ReadLineAsync(TestTimeouts.Process);
                written = int.Parse(line["wrote ".Length..], CultureInfo.InvariantCulture);
            }

            child.Kill();
            await child.WaitForExitAsync(TestTimeouts.Process);

            // Old or new: the last confirmed value or a later one, never torn.
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
            var record = document.RootElement.GetProperty("record").Deserialize(TestJsonContext.Default.StateRecord)!;
            Assert.True(record.IsConsistent, $"round {round}: value {record.Counter} is torn");
            Assert.True(record.Counter >= written, $"round {round}: value {record.Counter} is older than confirmed {written}");
            lastConfirmed = record.Counter;
        }

        await using var store = new JsonFileStateStore(path, NullLogger.Instance, TimeProvider.System, TimeSpan.FromSeconds(1));
        Assert.Equal(lastConfirmed, store.Get("record", TestJsonContext.Default.StateRecord)!.Counter);
        Assert.Empty(Directory.GetFiles(directory.FullPath, "*.corrupt-*"));
        Assert.Empty(Directory.GetFiles(directory.FullPath, "*.tmp"));
    }
}
