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
}
