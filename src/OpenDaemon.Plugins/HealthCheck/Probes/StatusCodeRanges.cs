using System.Globalization;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>Writes a list of accepted status codes the way a user wrote it: "200-299 or 304".</summary>
internal static class StatusCodeRanges
{
    public static string Describe(IReadOnlyList<int> codes)
    {
        var sorted = codes.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var start = sorted[i];
            var end = start;
            while (i + 1 < sorted.Count && sorted[i + 1] == end + 1)
            {
                end = sorted[++i];
            }

            parts.Add(end == start
                ? start.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{start}-{end}"));
            i++;
        }

        return string.Join(" or ", parts);
    }
}
