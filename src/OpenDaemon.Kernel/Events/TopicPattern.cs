namespace OpenDaemon.Kernel.Events;

/// <summary>Matching of topic patterns: exact, <c>prefix*</c>, or <c>*</c>.</summary>
internal static class TopicPattern
{
    public static void Validate(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (pattern.AsSpan(0, pattern.Length - 1).Contains('*'))
        {
            throw new ArgumentException($"topic pattern '{pattern}' may contain '*' only at the end (\"process:*\", \"*\")", nameof(pattern));
        }
    }

    public static bool Matches(string pattern, string topic) =>
        pattern[^1] == '*'
            ? topic.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(pattern, topic, StringComparison.Ordinal);

    /// <summary>
    /// Validates <paramref name="patterns"/> and drops duplicates and patterns another one covers
    /// (<c>process:online</c> under <c>process:*</c>, everything under <c>*</c>), so that the rest match
    /// disjoint sets of topics and no event is delivered twice.
    /// </summary>
    public static IReadOnlyList<string> Disjoint(IEnumerable<string> patterns)
    {
        var distinct = patterns.Distinct(StringComparer.Ordinal).ToList();
        foreach (var pattern in distinct)
        {
            Validate(pattern);
        }

        return [.. distinct.Where(pattern => !distinct.Any(other => other != pattern && other[^1] == '*' && Matches(other, pattern.TrimEnd('*'))))];
    }
}
