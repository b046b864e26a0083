namespace OpenDaemon.Plugins.Watch;

/// <summary>
/// A glob matched against paths relative to a watched directory, with <c>/</c> separators:
/// <c>*</c> (any characters but <c>/</c>), <c>**</c> (any number of whole segments), <c>?</c> (one
/// character but <c>/</c>) and <c>[...]</c> (a class, <c>[!...]</c> or <c>[^...]</c> negated, ranges
/// <c>a-z</c>). A pattern without <c>/</c> matches any single segment, as PM2's <c>ignore_watch</c>
/// entries such as <c>node_modules</c> or <c>*.log</c> do; a path is also matched when one of its parent
/// directories is, so <c>node_modules</c> ignores everything below it.
/// </summary>
/// <remarks>Our own small matcher: Microsoft.Extensions.FileSystemGlobbing is not on the package allow-list.</remarks>
public sealed class GlobPattern
{
    private readonly string[] _segments;
    private readonly bool _anySegment;

    /// <summary>Parses <paramref name="pattern"/>.</summary>
    public GlobPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        // "./src" and "/src" are anchored at the watched directory; ".git" keeps its dot.
        var trimmed = pattern.Replace('\\', '/').TrimEnd('/');
        var anchored = trimmed.StartsWith("./", StringComparison.Ordinal) || trimmed.StartsWith('/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        trimmed = trimmed.TrimStart('/');
        _segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        _anySegment = !anchored && _segments.Length == 1 && _segments[0] != "**";
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Whether <paramref name="relativePath"/> (or one of its parent directories) matches.</summary>
    public bool IsMatch(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (_anySegment)
        {
            return path.Any(segment => SegmentMatches(_segments[0], segment));
        }

        // A parent directory matching ignores what is below it.
        for (var length = 1; length <= path.Length; length++)
        {
            if (Matches(0, path.AsSpan(0, length)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(int patternIndex, ReadOnlySpan<string> path)
    {
        if (patternIndex == _segments.Length)
        {
            return path.IsEmpty;
        }

        if (_segments[patternIndex] == "**")
        {
            for (var skip = 0; skip <= path.Length; skip++)
            {
                if (Matches(patternIndex + 1, path[skip..]))
                {
                    return true;
                }
            }

            return false;
        }

        return !path.IsEmpty && SegmentMatches(_segments[patternIndex], path[0]) && Matches(patternIndex + 1, path[1..]);
    }

    /// <summary>Whether one path segment matches one pattern segment (<c>*</c>, <c>?</c>, <c>[...]</c>).</summary>
    internal static bool SegmentMatches(string pattern, string text) => SegmentMatches(pattern.AsSpan(), text.AsSpan());

    private static bool SegmentMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (!pattern.IsEmpty)
        {
            switch (pattern[0])
            {
                case '*':
                    var rest = pattern.TrimStart('*');
                    for (var skip = 0; skip <= text.Length; skip++)
                    {
                        if (SegmentMatches(rest, text[skip..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    break;
                case '[' when pattern.IndexOf(']') is var close and > 1:
                    if (text.IsEmpty || !ClassMatches(pattern[1..close], text[0]))
                    {
                        return false;
                    }

                    pattern = pattern[(close + 1)..];
                    text = text[1..];
                    continue;
                default:
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            text = text[1..];
        }

        return text.IsEmpty;
    }

    private static bool ClassMatches(ReadOnlySpan<char> members, char c)
    {
        var negated = members[0] is '!' or '^';
        if (negated)
        {
            members = members[1..];
        }

        var found = false;
        for (var i = 0; i < members.Length; i++)
        {
            if (i + 2 < members.Length && members[i + 1] == '-')
            {
                found |= c >= members[i] && c <= members[i + 2];
                i += 2;
            }
            else
            {
                found |= c == members[i];
            }
        }

        return found != negated;
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
