using System.Globalization;

namespace OpenDaemon.Runtime.Collection;

/// <summary>
/// The labels of one series: a measurement's tags as strings, sorted by key then value, so that the same tags in
/// any order are one series. Immutable; its hash is order-independent so that <see cref="LabelSetComparer"/> can
/// find a series straight from a measurement's tag span without building a set first.
/// </summary>
internal sealed class LabelSet
{
    private readonly KeyValuePair<string, string>[] _pairs;

    private LabelSet(KeyValuePair<string, string>[] pairs, int hash)
    {
        _pairs = pairs;
        Hash = hash;
    }

    public int Hash { get; }

    public ReadOnlySpan<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>The labels of <paramref name="tags"/>, whatever their size.</summary>
    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new KeyValuePair<string, string>[tags.Length];
        var hash = 0;
        for (var i = 0; i < tags.Length; i++)
        {
            pairs[i] = new(tags[i].Key ?? "", ValueOf(tags[i].Value));
            hash += HashOf(pairs[i].Key, pairs[i].Value);
        }

        Array.Sort(pairs, static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return new LabelSet(pairs, hash);
    }

    /// <summary>The labels of <paramref name="tags"/>; null when the daemon would not keep them (too many, a key empty or a key or value too long).</summary>
    public static LabelSet? TryFrom(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > WireLimits.MaxLabels)
        {
            return null;
        }

        var labels = From(tags);
        foreach (var (key, value) in labels._pairs)
        {
            if (key.Length is 0 or > WireLimits.MaxLabelLength || value.Length > WireLimits.MaxLabelLength)
            {
                return null;
            }
        }

        return labels;
    }

    /// <summary>A tag's value as a label: invariant culture, null as the empty string.</summary>
    public static string ValueOf(object? value) =>
        value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The hash <see cref="From"/> would give these tags, without building the set.</summary>
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
        {
            hash += HashOf(tag.Key ?? "", ValueOf(tag.Value));
        }

        return hash;
    }

    /// <summary>True when <paramref name="tags"/>, in any order, are these labels.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _pairs.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (!Contains(tag.Key ?? "", tag.Value))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(LabelSet other)
    {
        if (Hash != other.Hash || _pairs.Length != other._pairs.Length)
        {
            return false;
        }

        for (var i = 0; i < _pairs.Length; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal) || !string.Equals(_pairs[i].Value, other._pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private bool Contains(string key, object? value)
    {
        var text = ValueOf(value);
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal) && string.Equals(pair.Value, text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Summed, so that the order of the tags does not matter.
    private static int HashOf(string key, string value) => HashCode.Combine(key, value);
}
