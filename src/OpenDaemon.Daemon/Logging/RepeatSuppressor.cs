namespace OpenDaemon.Daemon.Logging;

/// <summary>
/// Keeps a burst of identical lines (an accept failure per connection attempt, the same error per
/// request) from flooding daemon.log: the first of a kind is written, identical ones within the next
/// <see cref="Window"/> are only counted, and the next one after it is preceded by
/// "... repeated N times in the last 10 s". Called under the logger provider's lock only.
/// </summary>
internal sealed class RepeatSuppressor(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private const int MaxKinds = 1024;

    private readonly Dictionary<string, (DateTimeOffset Since, long Suppressed)> _kinds = new(StringComparer.Ordinal);

    /// <summary>
    /// False when <paramref name="key"/> was written less than a window ago (it is counted); true
    /// otherwise, with <paramref name="repeated"/> the count held back since the last one written.
    /// </summary>
    public bool ShouldWrite(string key, out long repeated)
    {
        var now = time.GetUtcNow();
        repeated = 0;
        if (_kinds.TryGetValue(key, out var kind))
        {
            if (now - kind.Since < Window)
            {
                _kinds[key] = (kind.Since, kind.Suppressed + 1);
                return false;
            }

            repeated = kind.Suppressed;
        }
        else if (_kinds.Count >= MaxKinds)
        {
            _kinds.Clear(); // many distinct lines are not a flood of one: start over rather than grow
        }

        _kinds[key] = (now, 0);
        return true;
    }
}
