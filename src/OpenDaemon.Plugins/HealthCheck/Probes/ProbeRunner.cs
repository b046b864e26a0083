using System.Globalization;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// Runs one check under its timeout. The probe's token fires at the timeout, and the wait is cut there
/// too, so a probe that ignores its token still cannot hold the watch (its late result is dropped).
/// Every exception becomes a failed result with a plain message; only <c>stop</c> ends the wait early.
/// </summary>
internal static class ProbeRunner
{
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> fired.</exception>
    public static async Task<ProbeResult> RunAsync(IHealthProbe probe, TimeSpan timeout, TimeProvider time, CancellationToken stop)
    {
        var deadline = new CancellationTokenSource(timeout, time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
        Task<ProbeResult> probing;
        try
        {
            probing = probe.CheckAsync(linked.Token).AsTask();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Release(Task.CompletedTask, deadline, linked);
            return ProbeResult.Fail(ProbeErrors.Describe(error));
        }

        try
        {
            return await probing.WaitAsync(timeout, time, stop).ConfigureAwait(false);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            throw new OperationCanceledException(stop);
        }
        catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && deadline.IsCancellationRequested))
        {
            return ProbeResult.Fail(TimedOut(timeout));
        }
        catch (Exception error)
        {
            return ProbeResult.Fail(ProbeErrors.Describe(error));
        }
        finally
        {
            Release(probing, deadline, linked);
        }
    }

    public static string TimedOut(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###}s");

    // A probe cut at its timeout may still be running with the linked token: the sources are disposed
    // (and its late failure observed) only once it has finished.
    private static void Release(Task probing, CancellationTokenSource deadline, CancellationTokenSource linked)
    {
        if (probing.IsCompleted)
        {
            linked.Dispose();
            deadline.Dispose();
            return;
        }

        linked.Cancel();
        _ = probing.ContinueWith(
            static (finished, state) =>
            {
                _ = finished.Exception;
                var (deadline, linked) = ((CancellationTokenSource, CancellationTokenSource))state!;
                linked.Dispose();
                deadline.Dispose();
            },
            (deadline, linked),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
