using System.Text.Json;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Maps <c>watch</c> (spec §3.10): <c>true</c> watches the working directory, a string or list names
/// the paths (as PM2 allows), an object gives everything. Paths become absolute against the cwd.
/// </summary>
internal static class WatchMapper
{
    public static WatchConfig? Map(ObjectReader r, string cwd)
    {
        var value = r.Get("watch");
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.False:
                return null;
            case JsonValueKind.True:
                return new WatchConfig { Paths = [cwd] };
            case JsonValueKind.String or JsonValueKind.Array:
                return new WatchConfig { Paths = Absolute(r.StringList("watch"), cwd) };
            default:
                return r.Object("watch", watch =>
                {
                    var defaults = new WatchConfig();
                    var paths = Absolute(watch.StringList("paths"), cwd);
                    return new WatchConfig
                    {
                        Paths = paths.Count == 0 ? [cwd] : paths,
                        Ignore = watch.StringList("ignore") ?? defaults.Ignore,
                        Delay = watch.Duration("delay") ?? defaults.Delay,
                        ClearConsole = watch.Bool("clearConsole") ?? defaults.ClearConsole,
                    };
                });
        }
    }

    private static IReadOnlyList<string> Absolute(IReadOnlyList<string>? paths, string cwd) =>
        paths?.Select(path => ObjectReader.MakeAbsolute(path, cwd)).ToArray() ?? [];
}
