using OpenDaemon.Config.Validation;
using OpenDaemon.Contracts;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Config spelling of enum values: kebab-case (<c>on-failure</c>, <c>blue-green</c>). Matching
/// ignores case, dashes and underscores, so <c>onFailure</c> and <c>ON_FAILURE</c> work too.
/// </summary>
internal static class EnumNames<T>
    where T : struct, Enum
{
    private static readonly (string Name, string Key, T Value)[] Values = Enum.GetValues<T>()
        .Select(value => (ConfigNames.Kebab(value.ToString()), Normalize(value.ToString()), value))
        .ToArray();

    public static string Expected => "one of " + string.Join(", ", Values.Select(v => v.Name));

    public static bool TryParse(string text, out T value)
    {
        var key = Normalize(text);
        foreach (var candidate in Values)
        {
            if (candidate.Key == key)
            {
                value = candidate.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string DidYouMean(string text) => Suggestions.DidYouMean(text, Values.Select(v => v.Name));

    public static string Name(T value) => ConfigNames.Kebab(value.ToString());

    private static string Normalize(string text) =>
        new(text.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());
}
