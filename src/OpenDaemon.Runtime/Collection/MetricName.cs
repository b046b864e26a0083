namespace OpenDaemon.Runtime.Collection;

/// <summary>The name a series is sent under: the instrument's, as Prometheus accepts it.</summary>
internal static class MetricName
{
    /// <summary>Every character outside <c>[A-Za-z0-9_:]</c> as '_': <c>dotnet.gc.collections</c> → <c>dotnet_gc_collections</c>.</summary>
    public static string Of(string instrumentName) =>
        string.Create(instrumentName.Length, instrumentName, static (name, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                name[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_';
            }
        });
}
