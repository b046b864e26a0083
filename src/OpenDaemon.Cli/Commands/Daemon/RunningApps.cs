using OpenDaemon.Cli.Output;
using OpenDaemon.Client;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary>How many apps and instances a daemon manages: "restored 2 apps (3 instances)".</summary>
internal sealed record RunningApps(int Apps, int Instances)
{
    /// <summary>Asks the daemon; null when it has no process manager to ask.</summary>
    public static async Task<RunningApps?> CountAsync(OdClientOptions options, CancellationToken cancellationToken)
    {
        await using var client = await OdClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            return Of((await client.ListAsync(cancellationToken).ConfigureAwait(false)).Processes);
        }
        catch (DaemonException error) when (error.Code == ErrorCode.MethodNotFound)
        {
            return null;
        }
    }

    public static RunningApps Of(IReadOnlyList<ProcessSummary> processes) =>
        new(processes.Select(process => process.Name).Distinct(StringComparer.Ordinal).Count(), processes.Count);

    public string Describe() => Count.Apps(Apps, Instances);
}
