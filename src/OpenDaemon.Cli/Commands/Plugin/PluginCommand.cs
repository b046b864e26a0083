using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Plugins;

namespace OpenDaemon.Cli.Commands.Plugin;

/// <summary><c>od plugin list|info|enable|disable</c>: the daemon's plugins and their error boundaries.</summary>
internal static class PluginCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var list = new Command("list", "List plugins with their state and error-boundary status");
        list.Aliases.Add("ls");
        CommandActions.Set(list, globals, context => WithClientAsync(context, async client =>
        {
            var plugins = await client.ListPluginsAsync(context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(new PluginList(plugins), ContractsJsonContext.Default.PluginList);
            var table = new TextTable("name", "version", "state", "breaker", "failures", "description");
            foreach (var plugin in plugins)
            {
                table.AddRow(plugin.Name, plugin.Version, State(context.Output, plugin.State), Breaker(context.Output, plugin.Breaker), plugin.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture), plugin.Description);
            }

            foreach (var line in table.Render(context.Output))
            {
                context.Output.Line(line);
            }
        }));

        return new Command("plugin", "List, inspect, enable and disable plugins")
        {
            list,
            NameCommand("info", "Show one plugin in detail", (client, name, ct) => client.GetPluginAsync(name, ct), globals),
            NameCommand("enable", "Start a disabled plugin", (client, name, ct) => client.EnablePluginAsync(name, ct), globals),
            NameCommand("disable", "Stop a plugin; its methods answer that it is disabled", (client, name, ct) => client.DisablePluginAsync(name, ct), globals),
        };
    }

    private static Command NameCommand(string verb, string description, Func<OdClient, string, CancellationToken, Task<PluginSummary>> call, GlobalOptions globals)
    {
        var name = new Argument<string>("name") { Description = "The plugin's name (see 'od plugin list')" };
        var command = new Command(verb, description) { name };
        CommandActions.Set(command, globals, context => WithClientAsync(context, async client =>
        {
            var plugin = await call(client, context.Parse.GetRequiredValue(name), context.Cancellation).ConfigureAwait(false);
            context.Output.JsonResult(plugin, ContractsJsonContext.Default.PluginSummary);
            WriteDetails(context.Output, plugin);
        }));
        return command;
    }

    private static async Task<int> WithClientAsync(CliContext context, Func<OdClient, Task> body)
    {
        var (client, started) = await DaemonLauncher.ConnectOrStartAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            if (started)
            {
                context.Output.Note("started the daemon");
            }

            await body(client).ConfigureAwait(false);
            return CliOutput.Success;
        }
    }

    private static void WriteDetails(CliOutput output, PluginSummary plugin)
    {
        output.Line($"{output.Bold(plugin.Name)} {plugin.Version} — {plugin.Description}");
        output.Line($"state         {State(output, plugin.State)}");
        output.Line($"breaker       {Breaker(output, plugin.Breaker)} ({plugin.Failures} failures)");
        output.Line($"priority      {plugin.Priority}");
        output.Line($"depends on    {(plugin.Dependencies.Count == 0 ? "-" : string.Join(", ", plugin.Dependencies))}");
        if (plugin.LastError is { } error)
        {
            output.Line($"last error    {output.Red(error)}");
        }
    }

    private static string State(CliOutput output, string state) => state switch
    {
        "running" => output.Green(state),
        "failed" => output.Red(state),
        "disabled" or "stopped" => output.Yellow(state),
        _ => state,
    };

    private static string Breaker(CliOutput output, string breaker) => breaker switch
    {
        "closed" => output.Green(breaker),
        "open" => output.Red(breaker),
        _ => output.Yellow(breaker),
    };
}
