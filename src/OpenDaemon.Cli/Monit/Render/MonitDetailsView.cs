using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Monit.Render;

/// <summary>The selected instance's details (Enter): the same block <c>od info</c> prints, cut to the screen.</summary>
internal static class MonitDetailsView
{
    public static List<ScreenLine> Render(MonitModel model, int width, bool color)
    {
        if (model.Selected is not { } selected)
        {
            return [new ScreenLine(width, color).Append("nothing selected", "2")];
        }

        if (model.SelectedDetail is not { } detail || detail.Summary.Id != selected.Id)
        {
            return [new ScreenLine(width, color).Append($"loading the details of {selected.Name}…", "2")];
        }

        var output = new CliOutput(TextWriter.Null, TextWriter.Null, json: false, color, quiet: true, verbose: false);
        return ProcessDetailView.Render(detail, output, model.Now)
            .Select(text => new ScreenLine(width, color).AppendPainted(text))
            .ToList();
    }
}
