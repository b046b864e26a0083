using System.Threading.Channels;
using OpenDaemon.Plugins.HealthCheck.Probes;

namespace OpenDaemon.Plugins.Tests.HealthCheck.Support;

/// <summary>
/// A probe the test drives: each check announces itself on <see cref="Calls"/> and answers with the
/// next result the test queued, or hangs until <see cref="Release"/> when none is queued.
/// </summary>
internal sealed class ScriptedProbe : IHealthProbe
{
    private readonly Queue<bool> _results = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource<ProbeResult> _hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public Channel<int> Calls { get; } = Channel.CreateUnbounded<int>();

    public int CallCount { get; private set; }

    /// <summary>The most checks that ran at the same time.</summary>
    public int MaxConcurrent { get; private set; }

    public ScriptedProbe Then(params bool[] results)
    {
        lock (_lock)
        {
            foreach (var result in results)
            {
                _results.Enqueue(result);
            }
        }

        return this;
    }

    public void Release(bool passed) => _hung.TrySetResult(new ProbeResult(passed, passed ? "released: ok" : "released: bad"));

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        Task<ProbeResult> answer;
        lock (_lock)
        {
            CallCount++;
            MaxConcurrent = Math.Max(MaxConcurrent, ++_running);
            if (_results.TryDequeue(out var next))
            {
                answer = Task.FromResult(new ProbeResult(next, next ? $"check {CallCount} ok" : $"check {CallCount} bad"));
            }
            else
            {
                if (_hung.Task.IsCompleted)
                {
                    _hung = new TaskCompletionSource<ProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                answer = _hung.Task; // ignores its token on purpose: the watch must cut it anyway
            }
        }

        Calls.Writer.TryWrite(CallCount);
        try
        {
            return await answer;
        }
        finally
        {
            lock (_lock)
            {
                _running--;
            }
        }
    }
}
