using OpenDaemon.Hosting.Locking;
using OpenDaemon.Hosting.Tests.Support;

namespace OpenDaemon.Hosting.Tests.Locking;

/// <summary>Contenders released at the same instant: exactly one may win, every time.</summary>
public sealed class PidLockRaceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string LockPath => _dir.File("daemon.lock");

    private string PidPath => _dir.File("daemon.pid");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Acquire_ManyHandlesReleasedByBarrier_ExactlyOneWinsEachRound()
    {
        // flock belongs to the open file description, so separate opens in one process contend
        // exactly like separate processes.
        const int Contenders = 6;
        const int Rounds = 15;
        for (int round = 0; round < Rounds; round++)
        {
            using var barrier = new Barrier(Contenders);
            Task<PidLock?>[] contenders = Enumerable.Range(0, Contenders)
                .Select(_ => Task.Factory.StartNew(
                    () =>
                    {
                        Assert.True(barrier.SignalAndWait(TestTimeouts.Short));
                        try
                        {
                            return PidLock.Acquire(LockPath, PidPath);
                        }
                        catch (LockException)
                        {
                            return null;
                        }
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default))
                .ToArray();

            PidLock?[] results = await Task.WhenAll(contenders).WaitAsync(TestTimeouts.Short);

            PidLock winner = Assert.Single(results.OfType<PidLock>());
            Assert.Equal(Environment.ProcessId, PidLock.ReadOwnerPid(PidPath));
            winner.Dispose();
            Assert.False(PidLock.IsHeld(LockPath));
        }
    }

    [Fact]
    public async Task Acquire_TwoChildProcessesReleasedTogether_ExactlyOneWins()
    {
        await using ChildProcess first = ChildProcess.StartDotnetChild(ChildEntryPoint.LockMode, LockPath, PidPath);
        await using ChildProcess second = ChildProcess.StartDotnetChild(ChildEntryPoint.LockMode, LockPath, PidPath);
        Assert.Equal("ready", await first.ReadLineAsync(TestTimeouts.Process));
        Assert.Equal("ready", await second.ReadLineAsync(TestTimeouts.Process));

        await Task.WhenAll(first.WriteLineAsync("go"), second.WriteLineAsync("go")).WaitAsync(TestTimeouts.Short);
        string[] outcomes = await Task.WhenAll(
            first.ReadLineAsync(TestTimeouts.Process),
            second.ReadLineAsync(TestTimeouts.Process));

        var (winner, loserOutcome) = outcomes[0].StartsWith("won", StringComparison.Ordinal)
            ? (first, outcomes[1])
            : (second, outcomes[0]);
        Assert.Equal($"won {winner.Pid}", winner == first ? outcomes[0] : outcomes[1]);
        Assert.Equal($"lost {winner.Pid}", loserOutcome);
        Assert.Equal(winner.Pid, PidLock.ReadOwnerPid(PidPath));
    }
}
