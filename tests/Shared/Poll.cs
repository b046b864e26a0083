using System.Diagnostics;

namespace OpenDaemon.Testing;

/// <summary>
/// The one way a test waits for a condition it cannot await directly: poll with a deadline and
/// fail naming what was awaited. Never a bare sleep; in unit tests prefer a fake TimeProvider.
/// </summary>
internal static class Poll
{
    /// <summary>The default deadline: generous, because a 2-core CI box running other tests can be slow.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), () => what, timeout);

    /// <summary>As above; <paramref name="describe"/> runs at the deadline, so the failure can show the last state seen.</summary>
    public static Task UntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), describe, timeout);

    /// <summary>Returns once the asynchronous <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(condition, () => what, timeout);

    /// <summary>The loop behind every overload.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#}s waiting until {describe()}");
            }

            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }
}
