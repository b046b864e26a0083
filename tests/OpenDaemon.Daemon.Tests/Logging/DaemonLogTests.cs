using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenDaemon.Daemon.Logging;

namespace OpenDaemon.Daemon.Tests.Logging;

/// <summary>daemon.log stays readable under a flood: identical lines are counted, the file is rotated by size.</summary>
public sealed class DaemonLogTests
{
    [Fact]
    public void Log_SameErrorRepeated_WrittenOnceThenCountedPerWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var output = new StringWriter();
        using var provider = new TextWriterLoggerProvider([output], LogLevel.Information, time);
        var logger = provider.CreateLogger("OpenDaemon.Hosting.Ipc.IpcServer");

        for (var i = 0; i < 524; i++)
        {
            logger.LogWarning("Accepting an IPC connection failed");
        }

        logger.LogWarning("something else");
        time.Advance(TimeSpan.FromSeconds(10));
        logger.LogWarning("Accepting an IPC connection failed");

        var lines = output.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith("IpcServer: Accepting an IPC connection failed", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("something else", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("(repeated 523 times in the last 10 s)", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("IpcServer: Accepting an IPC connection failed", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLine_PastMaxBytes_RotatesAndKeepsN()
    {
        var directory = Directory.CreateTempSubdirectory("odlog-").FullName;
        var path = Path.Combine(directory, "daemon.log");
        using (var writer = new RotatingLogWriter(path, maxBytes: 1000, keep: 2))
        {
            for (var i = 0; i < 95; i++)
            {
                writer.WriteLine($"line {i:D4} " + new string('x', 90));
            }
        }

        Assert.True(new FileInfo(path).Length < 1000);
        Assert.True(File.Exists(path + ".1"));
        Assert.True(File.Exists(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
        Assert.Contains("line 0094", File.ReadAllText(path), StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
