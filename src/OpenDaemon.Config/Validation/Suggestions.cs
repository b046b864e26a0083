namespace OpenDaemon.Config.Validation;

/// <summary>"did you mean" for unknown keys and enum values: the closest known word within 2 edits.</summary>
internal static class Suggestions
{
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var normalizedWord = Normalize(word);
        foreach (var candidate in candidates)
        {
            // max_memory vs maxMemory, HealthCheck vs healthCheck: same word written differently.
            var distance = Normalize(candidate) == normalizedWord ? 0 : Levenshtein(word, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= 2 && best != word ? best : null;
    }

    public static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } suggestion ? $"; did you mean '{suggestion}'?" : string.Empty;

    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Normalize(string word) =>
        new(word.Where(c => c is not ('_' or '-')).Select(char.ToLowerInvariant).ToArray());
}
