using OpenDaemon.Contracts.Watch;

namespace OpenDaemon.Cli.Output;

/// <summary>The lines <c>od info</c> adds for an app with <c>watch</c>: what is watched, the restarts it made, and why it may be only partly watched.</summary>
internal static class WatchView
{
    public static IEnumerable<string> Detail(WatchedApp app, CliOutput output, int labelWidth)
    {
        string Label(string label) => label.PadRight(labelWidth);
        var delay = HumanFormat.Duration(TimeSpan.FromMilliseconds(app.DelayMs));
        yield return $"{Label("watching")}{(app.Watching.Count == 0 ? output.Red("nothing") : app.Watching[0])} {output.Dim($"(recursive, restart {delay} after the last change)")}";
        foreach (var path in app.Watching.Skip(1))
        {
            yield return $"{Label(string.Empty)}{path}";
        }

        foreach (var path in app.Missing)
        {
            yield return $"{Label(string.Empty)}{output.Yellow($"{path} does not exist: not watched")}";
        }

        if (app.Ignore.Count > 0)
        {
            yield return $"{Label("watch ignores")}{string.Join(", ", app.Ignore)} {output.Dim("(and node_modules, .git, the app's own logs)")}";
        }

        if (app.Problem is { } problem)
        {
            yield return $"{Label("watch problem")}{output.Yellow(problem)}";
        }

        yield return $"{Label("watch restarts")}{app.Restarts}"
            + (app.LastRestartAt is { } at ? output.Dim($" (last {HumanFormat.Timestamp(at)}: {app.LastChangedPath} changed)") : string.Empty);
    }
}
