namespace OpenDaemon.Cli.Monit.Render;

/// <summary>
/// A one-line chart of the newest samples (▁▂▃▄▅▆▇█), right-aligned: with fewer samples than columns the
/// left is blank, so a fresh dashboard fills from the right as samples arrive.
/// </summary>
internal static class Sparkline
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <param name="samples">Oldest first.</param>
    /// <param name="width">Columns.</param>
    /// <param name="floor">The smallest top of the scale (100 for CPU percent, so 2% does not look like a full bar).</param>
    public static string Render(IReadOnlyList<double> samples, int width, double floor = 0)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        var count = Math.Min(width, samples.Count);
        var first = samples.Count - count;
        var top = floor;
        for (var index = first; index < samples.Count; index++)
        {
            top = Math.Max(top, samples[index]);
        }

        var chars = new char[width];
        Array.Fill(chars, ' ');
        for (var index = 0; index < count; index++)
        {
            var value = Math.Max(0, samples[first + index]);
            var level = top <= 0 ? 0 : (int)Math.Round(value / top * (Bars.Length - 1));
            chars[width - count + index] = Bars[Math.Clamp(level, 0, Bars.Length - 1)];
        }

        return new string(chars);
    }
}
