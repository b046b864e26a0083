using System.Globalization;

namespace OpenDaemon.Config.Mapping;

/// <summary>Builds the JSON paths problems are reported at: <c>apps[1].healthCheck.interval</c>.</summary>
internal static class JsonPath
{
    public static string Member(string parent, string key)
    {
        var simple = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
        if (!simple)
        {
            return $"{parent}[\"{key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
        }

        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
