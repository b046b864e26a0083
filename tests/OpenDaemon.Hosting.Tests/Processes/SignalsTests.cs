using System.Globalization;
using System.Runtime.Versioning;
using OpenDaemon.Hosting.Processes;
using static OpenDaemon.Hosting.Tests.Processes.ProcessTestSupport;

namespace OpenDaemon.Hosting.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class SignalsTests
{
    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("TERM", 15)]
    [InlineData("sigterm", 15)]
    [InlineData(" int ", 2)]
    [InlineData("SIGKILL", 9)]
    [InlineData("HUP", 1)]
    [InlineData("usr2", 12)]
    [InlineData("SIGIOT", 6)]
    [InlineData("15", 15)]
    [InlineData("SIGRTMIN", 34)]
    [InlineData("RTMIN+2", 36)]
    [InlineData("SIGRTMAX-1", 63)]
    public void Parse_KnownSpelling_ReturnsNumber(string name, int expected) => Assert.Equal(expected, Signals.Parse(name));

    [Theory]
    [InlineData("SIGFOO")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("RTMIN-1")]
    [InlineData("SIGRTMAX+1")]
    public void Parse_Unknown_ThrowsArgumentException(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Signals.Parse(name));
        Assert.Contains("unknown signal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_EveryStandardSignal_RoundTripsThroughParse()
    {
        for (int signal = 1; signal < 32; signal++)
        {
            Assert.Equal(signal, Signals.Parse(Signals.Name(signal)));
        }

        Assert.Equal("SIGTERM", Signals.Name(15));
        Assert.Equal("SIGRTMIN+2", Signals.Name(36));
        Assert.Equal("99", Signals.Name(99));
    }

    [Fact]
    public void ProcessExit_ToString_ReadsLikeASentence()
    {
        Assert.Equal("exit code 0", new ProcessExit(0, null, false).ToString());
        Assert.Equal("killed by SIGKILL", new ProcessExit(null, 9, false).ToString());
        Assert.Equal("killed by SIGSEGV (core dumped)", new ProcessExit(null, 11, true).ToString());
        Assert.Equal("unknown exit status", ProcessExit.Unknown.ToString());
        Assert.Null(new ProcessExit(1, null, false).SignalName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-5)]
    public void SendToGroup_IdThatWouldHitEverythingOrUs_Throws(int processGroupId) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Signals.SendToGroup(processGroupId, 0));

    [Fact]
    public void SendToGroup_OwnGroup_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Signals.SendToGroup(Interop.LibC.GetProcessGroup(), 0));

    [Fact]
    public async Task SendToGroup_TermThenKill_LeavesNoProcessOfTheTree()
    {
        // The subreaper reaps the grandchild once its parent dies; without it, on a machine whose pid 1
        // does not reap, the grandchild would stay a zombie and keep the group "existing".
        ChildReaper.EnableSubreaper();

        // sh traps TERM (and says so), its child ignores TERM: only SIGKILL can end this tree.
        using SpawnedProcess process = SpawnSh("trap 'echo got-term' TERM; (trap '' TERM; exec sleep 1000) & echo $!; while :; do wait; done");
        int grandchild = int.Parse(await ReadLineAsync(process.StandardOutput), CultureInfo.InvariantCulture);
        await Poll.UntilAsync(() => SessionMembers(process.Pid).Count == 2 && StatFields(grandchild)?[0] == "S", "both processes run");
        Assert.Equal([process.Pid, grandchild], SessionMembers(process.Pid).Order());

        Assert.True(Signals.SendToGroup(process.Pid, Signals.Parse("SIGTERM")));
        Assert.Equal("got-term", await ReadLineAsync(process.StandardOutput));
        Assert.False(process.Exited.IsCompleted);
        Assert.NotEqual('Z', State(grandchild) ?? 'Z');
        Assert.True(Signals.GroupExists(process.Pid));

        Assert.True(Signals.SendToGroup(process.Pid, Signals.Parse("SIGKILL")));

        Assert.Equal("SIGKILL", (await ExitedAsync(process)).SignalName);
        await Poll.UntilAsync(() => SessionMembers(process.Pid).Count == 0, "every process of the session is gone from /proc (zombies included)");
        Assert.False(Signals.GroupExists(process.Pid));
        Assert.False(Signals.SendToGroup(process.Pid, Signals.Parse("SIGKILL")));
    }
}
