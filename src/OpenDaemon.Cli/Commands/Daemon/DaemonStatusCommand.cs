using System.CommandLine;
using OpenDaemon.Cli.Output;
using OpenDaemon.Client;

namespace OpenDaemon.Cli.Commands.Daemon;

/// <summary><c>od daemon status</c>: pid, uptime, version, socket, memory, threads, self-checks. Never starts a daemon.</summary>
internal static class DaemonStatusCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("status", "Show the daemon's pid, uptime, version, socket and memory");
        CommandActions.Set(command, globals, async context =>
        {
            await using var client = await OdClient.ConnectAsync(context.ClientOptions, context.Cancellation).ConfigureAwait(false);
            var status = await client.GetStatusAsync(context.Cancellation).ConfigureAwait(false);
            var output = context.Output;
            output.JsonResult(status, CliJsonContext.Default.DaemonStatusInfo);

            var health = status.Healthy
                ? output.Green("healthy")
                : output.Red("unhealthy: " + string.Join("; ", status.Checks.Where(c => c.Value is not null).Select(c => $"{c.Key}: {c.Value}")));
            output.Line($"{output.Bold("daemon")}   {output.Green(status.State)}, {health}");
            output.Line($"pid      {status.Pid}");
            output.Line($"version  {status.Version}");
            output.Line($"uptime   {HumanFormat.Duration(TimeSpan.FromSeconds(status.UptimeSeconds))} {output.Dim($"(since {status.StartedAt:u})")}");
            output.Line($"memory   {HumanFormat.Bytes(status.MemoryBytes)} RSS {output.Dim($"({HumanFormat.Bytes(status.ManagedHeapBytes)} managed heap)")}");
            output.Line($"threads  {status.Threads}");
            output.Line($"socket   {status.Socket}");
            output.Line($"home     {status.Home}");
            if (status.Api is { } api)
            {
                output.Line($"api      {api} {output.Dim($"({status.ApiWebSocketClients ?? 0} WebSocket clients)")}");
            }
            foreach (var exporter in status.Exporters ?? [])
            {
                var failures = exporter.Failed == 0 ? string.Empty
                    : output.Yellow($", {exporter.Failed} failed") + (exporter.LastError is { } error ? output.Red($" (last: {error}{(exporter.RetryAt is { } retry ? $"; retrying at {retry.ToLocalTime():HH:mm:ss}" : string.Empty)})") : string.Empty);
                output.Line($"metrics  {exporter.Name} → {exporter.Endpoint}: {exporter.Sent} sent{failures}");
            }
            return CliOutput.Success;
        });
        return command;
    }
}
