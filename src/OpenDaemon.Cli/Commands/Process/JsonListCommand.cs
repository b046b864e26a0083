using System.CommandLine;
using System.Text.Json;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>
/// PM2's <c>jlist</c> (the process list as JSON on one line, as <c>od ls --json</c>) and <c>prettylist</c>
/// (the same, indented). The shape is od's <c>{"processes":[...]}</c>, not PM2's internal one
/// (docs/migrating-from-pm2.md says how the fields map).
/// </summary>
internal static class JsonListCommand
{
    public static Command Create(GlobalOptions globals, string verb, bool indented)
    {
        var command = new Command(verb, indented ? "Print the process list as indented JSON" : "Print the process list as JSON (same as od ls --json)");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await DaemonConnection.ConnectAsync(context, startOnDemand: true).ConfigureAwait(false);
            var raw = await client.InvokeAsync(RpcMethods.ProcessList, CliJsonContext.Default.JsonElement, context.Cancellation).ConfigureAwait(false);
            context.Output.Document(indented ? Indent(raw) : raw.GetRawText());
            return CliOutput.Success;
        });
        return command;
    }

    private static string Indent(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
