using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary><c>od graph [--format text|dot|mermaid]</c>: the apps' dependency graph with each app's state.</summary>
internal static class GraphCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var format = new Option<string>("--format", "-f") { Description = "text, dot (Graphviz) or mermaid", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "dot", "mermaid");
        var command = new Command("graph", "Show the apps' dependency graph with each app's state") { format };
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: false).ConfigureAwait(false);
            var graph = await client.GraphAsync(context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(graph, ContractsJsonContext.Default.DependencyGraphInfo);
            if (output.Json)
            {
                return CliOutput.Success;
            }

            switch (context.Parse.GetValue(format))
            {
                case "dot":
                    output.Document(GraphView.Dot(graph));
                    break;
                case "mermaid":
                    output.Document(GraphView.Mermaid(graph));
                    break;
                default:
                    foreach (var line in GraphView.Text(graph, output))
                    {
                        output.Line(line);
                    }

                    break;
            }

            return CliOutput.Success;
        });
        return command;
    }
}
