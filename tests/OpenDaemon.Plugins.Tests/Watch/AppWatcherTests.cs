using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.Watch;
using OpenDaemon.Testing;

namespace OpenDaemon.Plugins.Tests.Watch;

/// <summary>The watcher against the real file system (inotify); a zero delay so each change restarts.</summary>
public sealed class AppWatcherTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<string> _restarts = [];

    private AppWatcher Watch(params string[] ignore) => new(
        new ProcessConfig
        {
            Name = "app",
            Script = "app.js",
            Cwd = _dir.FullPath,
            LogFile = _dir.File("app.log"),
            Watch = new WatchConfig { Ignore = ignore, Delay = TimeSpan.Zero },
        },
        TimeProvider.System,
        NullLogger.Instance,
        batch => { lock (_restarts) { _restarts.Add(batch.FirstPath); } return Task.CompletedTask; });

    private int Restarts { get { lock (_restarts) { return _restarts.Count; } } }

    private async Task ExpectRestartAfter(Action change, string what)
    {
        var before = Restarts;
        change();
        await Poll.UntilAsync(() => Restarts > before, what);
    }

    [Fact]
    public async Task Changes_EditCreateDeleteRenameAndNewSubdirectory_EachRestart()
    {
        File.WriteAllText(_dir.File("a.js"), "1");
        using var watcher = Watch();

        await ExpectRestartAfter(() => File.AppendAllText(_dir.File("a.js"), "2"), "a restart after an edit");
        await ExpectRestartAfter(() => File.WriteAllText(_dir.File("b.js"), "1"), "a restart after a create");
        await ExpectRestartAfter(() => File.Delete(_dir.File("b.js")), "a restart after a delete");
        await ExpectRestartAfter(() => File.Move(_dir.File("a.js"), _dir.File("c.js")), "a restart after a rename");
        var sub = Directory.CreateDirectory(_dir.File("sub/deeper")).FullName;
        await Poll.UntilAsync(() => Restarts >= 5, "a restart after a new directory");
        await ExpectRestartAfter(() => File.WriteAllText(Path.Join(sub, "x.js"), "1"), "a restart after a file in a new subdirectory");
    }

    [Fact]
    public async Task Changes_IgnoredPathsAndOwnLog_NoRestartUntilAWatchedFileChanges()
    {
        Directory.CreateDirectory(_dir.File("node_modules"));
        Directory.CreateDirectory(_dir.File("tmp"));
        using var watcher = Watch("tmp");

        File.WriteAllText(_dir.File("node_modules/x.js"), "1");
        File.WriteAllText(_dir.File("tmp/y"), "1");
        File.AppendAllText(_dir.File("app.log"), "a line\n");
        File.AppendAllText(_dir.File("app-0.log"), "a line\n");
        // Events arrive in order: once the watched file's restart is seen, the ignored ones were seen first.
        File.WriteAllText(_dir.File("watched.js"), "1");
        await Poll.UntilAsync(() => Restarts > 0, "a restart after a watched change");

        lock (_restarts)
        {
            Assert.All(_restarts, path => Assert.EndsWith("watched.js", path, StringComparison.Ordinal));
        }
    }

    public void Dispose() => _dir.Dispose();
}
