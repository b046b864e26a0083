using System.Text;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary><c>od graph</c> as text (a tree by level), Graphviz dot, or a Mermaid flowchart; edges point from an app to what it depends on.</summary>
internal static class GraphView
{
    public static IEnumerable<string> Text(DependencyGraphInfo graph, CliOutput output)
    {
        if (graph.Apps.Count == 0)
        {
            yield return "no apps";
            yield break;
        }

        foreach (var level in graph.Apps.GroupBy(app => app.Level))
        {
            yield return output.Bold($"level {level.Key}");
            foreach (var app in level)
            {
                var needs = app.Dependencies.Count == 0 ? "" : $" → {string.Join(", ", app.Dependencies)}";
                var cascade = (app.CascadeStop ? " cascadeStop" : "") + (app.CascadeRestart ? " cascadeRestart" : "");
                yield return $"  {app.Name} [{State(app, output)}]{needs}{output.Dim(cascade)}";
            }
        }
    }

    public static string Dot(DependencyGraphInfo graph)
    {
        var text = new StringBuilder("digraph dependencies {\n  rankdir=BT;\n");
        foreach (var app in graph.Apps)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  \"{Escape(app.Name)}\" [label=\"{Escape(app.Name)}\\n{Escape(Plain(app))}\"];\n");
            foreach (var dependency in app.Dependencies)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  \"{Escape(app.Name)}\" -> \"{Escape(dependency)}\";\n");
            }
        }

        return text.Append('}').ToString();
    }

    public static string Mermaid(DependencyGraphInfo graph)
    {
        var ids = graph.Apps.Select((app, index) => (app.Name, Id: $"n{index}")).ToDictionary(pair => pair.Name, pair => pair.Id, StringComparer.Ordinal);
        var text = new StringBuilder("flowchart BT\n");
        foreach (var app in graph.Apps)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {ids[app.Name]}[\"{app.Name.Replace("\"", "#quot;", StringComparison.Ordinal)}<br/>{Plain(app)}\"]\n");
        }

        foreach (var app in graph.Apps)
        {
            foreach (var dependency in app.Dependencies.Where(ids.ContainsKey))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {ids[app.Name]} --> {ids[dependency]}\n");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Plain(DependencyNode app) =>
        ProcessStatusText.Name(app.Status) + (app.Health is { } health ? $", {health.ToString().ToLowerInvariant()}" : "") + (app.Status is not (ProcessState.Online or ProcessState.Starting) && app.Reason is { } reason ? $", {reason}" : "");

    private static string State(DependencyNode app, CliOutput output) => ProcessStatusText.Paint(output, app.Status, Plain(app));

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
