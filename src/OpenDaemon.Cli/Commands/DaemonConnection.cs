using OpenDaemon.Cli.DaemonControl;
using OpenDaemon.Client;

namespace OpenDaemon.Cli.Commands;

/// <summary>
/// How a command reaches the daemon. Commands that create or show work (<c>start</c>,
/// <c>resurrect</c>, <c>ls</c>, <c>ping</c>) start one on demand, as PM2 does; commands that act on
/// existing apps fail with DAEMON_NOT_RUNNING instead, since a fresh daemon has no apps to act on.
/// </summary>
internal static class DaemonConnection
{
    public static async Task<OdClient> ConnectAsync(CliContext context, bool startOnDemand)
    {
        if (!startOnDemand)
        {
            return await OdClient.ConnectAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
        }

        var (client, started) = await DaemonLauncher.ConnectOrStartAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
        if (started)
        {
            context.Output.Note("started the daemon");
        }

        return client;
    }
}
