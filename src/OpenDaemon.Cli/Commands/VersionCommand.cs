using System.CommandLine;
using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts;

namespace OpenDaemon.Cli.Commands;

/// <summary><c>od version</c>: the CLI's and the running daemon's versions (they can differ after an upgrade).</summary>
internal static class VersionCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("version", "Show the CLI's and the daemon's versions");
        CommandActions.Set(command, globals, async context =>
        {
            var (client, _) = await DaemonLauncher.ConnectOrStartAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var daemon = await client.GetVersionAsync(context.Cancellation).ConfigureAwait(false);
                context.Output.JsonResult(new VersionOutput(ProductInfo.Version, daemon), CliJsonContext.Default.VersionOutput);
                context.Output.Line($"od      {ProductInfo.Version}");
                context.Output.Line($"daemon  {daemon.Version} {context.Output.Dim($"({daemon.Runtime}, protocol {daemon.ProtocolVersion})")}");
                if (daemon.Version != ProductInfo.Version)
                {
                    context.Output.Note("the daemon runs another version than this CLI: 'od daemon restart' switches it");
                }

                return CliOutput.Success;
            }
        });
        return command;
    }
}
