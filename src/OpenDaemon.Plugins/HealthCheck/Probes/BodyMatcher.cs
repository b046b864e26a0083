using System.Text.RegularExpressions;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>An <c>expectedBody</c>: a substring (ordinal) or a regular expression compiled once per watch.</summary>
internal sealed class BodyMatcher
{
    // A pathological pattern must not hold a check (or a thread) beyond any sensible timeout.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly BodyMatch _match;
    private readonly Regex? _regex;

    public BodyMatcher(BodyMatch match)
    {
        _match = match;
        if (match.IsRegex)
        {
            var options = RegexOptions.CultureInvariant
                | (match.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None)
                | (match.Multiline ? RegexOptions.Multiline : RegexOptions.None)
                | (match.DotAll ? RegexOptions.Singleline : RegexOptions.None);
            _regex = new Regex(match.Text, options, MatchTimeout);
        }
    }

    public bool Matches(string body)
    {
        if (_regex is null)
        {
            return body.Contains(_match.Text, _match.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        try
        {
            return _regex.IsMatch(body);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>"contain \"ok\"" or "match /^ok$/i".</summary>
    public string Describe() => _regex is null
        ? $"contain \"{_match.Text}\""
        : $"match /{_match.Text}/{(_match.IgnoreCase ? "i" : "")}{(_match.Multiline ? "m" : "")}{(_match.DotAll ? "s" : "")}";
}
