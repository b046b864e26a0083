using System.Text;
using OpenDaemon.Plugins.Audit.Reading;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Tests.Audit;

/// <summary>The hash chain: every kind of tampering a user could do with an editor is reported at the right line; rotation and restarts keep it whole.</summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly AuditLogFixture _log = new();

    [Fact]
    public async Task Verify_UntouchedLog_IsOkWithEveryEntryCounted()
    {
        await _log.WriteAsync(20);

        var result = _log.Verify();

        Assert.True(result.Ok, result.Broken?.Reason);
        Assert.Equal(20, result.Entries);
    }

    [Fact]
    public async Task Verify_OneByteOfALineEdited_BreaksAtTheNextLine()
    {
        await _log.WriteAsync(10);
        var lines = File.ReadAllLines(_log.Current);
        lines[4] = lines[4].Replace("app-4", "app-X", StringComparison.Ordinal);
        File.WriteAllText(_log.Current, string.Join('\n', lines) + "\n");

        var result = _log.Verify();

        Assert.False(result.Ok);
        Assert.Equal((_log.Current, 6L), (result.Broken!.File, result.Broken.Line));
        Assert.Equal(5, result.Entries);
    }

    [Fact]
    public async Task Verify_LineDeleted_BreaksWhereItWas()
    {
        await _log.WriteAsync(10);
        var lines = File.ReadAllLines(_log.Current).ToList();
        lines.RemoveAt(3);
        File.WriteAllText(_log.Current, string.Join('\n', lines) + "\n");

        var result = _log.Verify();

        Assert.False(result.Ok);
        Assert.Equal(4, result.Broken!.Line);
    }

    [Fact]
    public async Task Verify_LineInserted_BreaksAtTheInsertedLine()
    {
        await _log.WriteAsync(10);
        var lines = File.ReadAllLines(_log.Current).ToList();
        lines.Insert(5, lines[5].Replace("app-5", "app-evil", StringComparison.Ordinal));
        File.WriteAllText(_log.Current, string.Join('\n', lines) + "\n");

        var result = _log.Verify();

        Assert.False(result.Ok);
        Assert.Equal(7, result.Broken!.Line); // line 6 (the copy) still links to line 5; the original after it does not
    }

    [Fact]
    public async Task Verify_FileCutInTheMiddleOfALine_ReportsTheCutLine()
    {
        await _log.WriteAsync(10);
        var bytes = File.ReadAllBytes(_log.Current);
        File.WriteAllBytes(_log.Current, bytes[..(bytes.Length - 20)]);

        var result = _log.Verify();

        Assert.False(result.Ok);
        Assert.Equal(10, result.Broken!.Line);
        Assert.Contains("cut short", result.Broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterRotation_ChainRunsAcrossFilesAndSearchSeesEveryEntry()
    {
        await _log.WriteAsync(60, maxFileBytes: 4096);

        var result = _log.Verify();

        Assert.True(result.Ok, result.Broken?.Reason);
        Assert.True(result.Files.Count >= 3, $"{result.Files.Count} files");
        Assert.Equal(60, result.Entries);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"app-{i}"), _log.Entries().Select(entry => entry.Target!.Name));
        Assert.All(result.Files, file => Assert.True(new FileInfo(file).Length <= 4096, file));
    }

    [Fact]
    public async Task Verify_RotatedFileLosesItsLastLines_BreaksAtTheFirstLineOfTheNextFile()
    {
        await _log.WriteAsync(60, maxFileBytes: 4096);
        var first = AuditFiles.Rotated(_log.Directory)[0].Path;
        var lines = File.ReadAllLines(first);
        File.WriteAllText(first, string.Join('\n', lines[..^2]) + "\n");

        var result = _log.Verify();

        Assert.False(result.Ok);
        Assert.Equal((AuditFiles.Rotated(_log.Directory)[1].Path, 1L), (result.Broken!.File, result.Broken.Line));
    }

    [Fact]
    public async Task Verify_OldFilesPrunedByKeep_IsOkAndSaysWhereTheChainStarts()
    {
        await _log.WriteAsync(80, maxFileBytes: 4096, keep: 2);

        var result = _log.Verify();

        Assert.Equal(3, result.Files.Count); // two rotated and the current one
        Assert.True(result.Ok, result.Broken?.Reason);
        Assert.Equal(Path.GetFileName(result.Files[0]), result.StartsAfterRotation);
    }

    [Fact]
    public async Task Verify_WriterRestarted_ContinuesTheChainOfThePreviousRun()
    {
        await _log.WriteAsync(5);
        await _log.WriteAsync(5);

        var result = _log.Verify();

        Assert.True(result.Ok, result.Broken?.Reason);
        Assert.Equal(10, result.Entries);
    }

    [Fact]
    public async Task Snapshot_NewestLineEdited_TheRunningWriterStillCatchesIt()
    {
        await using var writer = _log.Writer();
        writer.Start();
        writer.TryRecord(_log.Entry("process.start", """{"target":"web"}"""));
        writer.TryRecord(_log.Entry("process.stop", """{"target":"web"}"""));
        _ = await writer.OnWriterAsync(() => true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var text = File.ReadAllText(_log.Current);
        File.WriteAllText(_log.Current, text.Replace("process.stop", "process.STOP", StringComparison.Ordinal));

        using var snapshot = await writer.OnWriterAsync(writer.Snapshot, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var result = AuditVerifier.Verify(snapshot);

        Assert.False(result.Ok);
        Assert.Contains("last line", result.Broken!.Reason, StringComparison.Ordinal);
        Assert.True(_log.Verify().Ok); // offline, the newest line has nothing after it to contradict it
    }

    [Fact]
    public async Task Start_AfterACrashCutTheLastLine_EndsItAndVerifyReportsIt()
    {
        await _log.WriteAsync(3);
        var bytes = File.ReadAllBytes(_log.Current);
        File.WriteAllBytes(_log.Current, bytes[..(bytes.Length - 10)]);

        await _log.WriteAsync(2);

        var result = _log.Verify();
        Assert.False(result.Ok);
        Assert.Equal(3, result.Broken!.Line);
        Assert.Contains("JSON", result.Broken.Reason, StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(_log.Current).Length);
        Assert.EndsWith("\n", Encoding.UTF8.GetString(File.ReadAllBytes(_log.Current)), StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
