using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.ProcessManager.Lifecycle;
using OpenDaemon.Plugins.Tests.Processes.Fakes;

namespace OpenDaemon.Plugins.Tests.Processes;

/// <summary>
/// A caller is answered only after the snapshot it is answered with is the one readers see: who reads the
/// instance right after the answer never sees an older picture (CI once saw "stopping" right after a restart
/// had answered "online").
/// </summary>
public sealed class InstanceWaitersTests
{
    [Fact]
    public void Answer_PublishesTheSnapshotBeforeAnyCallerHearsOfIt()
    {
        InstanceSnapshot? published = null;
        var waiters = new InstanceWaiters(snapshot => published = snapshot);
        var online = Snapshot(ProcessState.Online);
        InstanceSnapshot? seenByTheCaller = null;
        var start = new TaskCompletionSource<InstanceSnapshot>(); // no RunContinuationsAsynchronously: the continuation runs inside the answer
        start.Task.ContinueWith(_ => seenByTheCaller = published, TaskContinuationOptions.ExecuteSynchronously);
        waiters.AddStart(start);

        waiters.AnswerStarts(() => online);

        Assert.Same(online, seenByTheCaller);
    }

    [Fact]
    public void Answer_NobodyWaiting_PublishesNothing()
    {
        var publishes = 0;
        var waiters = new InstanceWaiters(_ => publishes++);

        waiters.AnswerStarts(() => Snapshot(ProcessState.Online));
        waiters.AnswerStops(() => Snapshot(ProcessState.Stopped));

        Assert.Equal(0, publishes);
    }

    private static InstanceSnapshot Snapshot(ProcessState state) => Snapshots.Of(new ProcessConfig { Name = "web", Script = "web" }, state);
}
