using System.Text.Json;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// The process list in the shape of PM2's <c>jlist</c>, so that scripts written against PM2
/// (<c>pm2 jlist | jq '.[] | select(.pm2_env.status == "online") | .pid'</c>) keep working: an array
/// with <c>name</c>, <c>pid</c>, <c>pm_id</c>, <c>monit</c> and the part of <c>pm2_env</c> od knows.
/// Fields od has no equivalent for (PM2's module and versioning data) are left out rather than faked.
/// </summary>
internal static class Pm2ProcessList
{
    public static string Write(ProcessList list, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartArray();
            foreach (var process in list.Processes)
            {
                WriteProcess(json, process);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>PM2's status names: it says <c>launching</c> while starting and <c>waiting restart</c> during a backoff.</summary>
    public static string Status(ProcessSummary process) => process.Status switch
    {
        _ when process.NextRestartAt is not null => "waiting restart",
        ProcessState.Created or ProcessState.Starting => "launching",
        ProcessState.Online => "online",
        ProcessState.Stopping => "stopping",
        ProcessState.Stopped => "stopped",
        _ => "errored",
    };

    private static void WriteProcess(Utf8JsonWriter json, ProcessSummary process)
    {
        json.WriteStartObject();
        json.WriteNumber("pid", process.Pid ?? 0);
        json.WriteString("name", process.Name);
        json.WriteNumber("pm_id", process.Id);
        json.WriteString("namespace", process.Namespace);
        json.WriteStartObject("monit");
        json.WriteNumber("memory", process.MemoryBytes ?? 0);
        json.WriteNumber("cpu", Math.Round(process.CpuPercent ?? 0, 1));
        json.WriteEndObject();
        json.WriteStartObject("pm2_env");
        json.WriteString("name", process.Name);
        json.WriteNumber("pm_id", process.Id);
        json.WriteString("namespace", process.Namespace);
        json.WriteString("status", Status(process));
        json.WriteString("exec_mode", $"{process.Mode}_mode");
        json.WriteNumber("NODE_APP_INSTANCE", process.Instance);
        json.WriteNumber("restart_time", process.Restarts);
        json.WriteNumber("unstable_restarts", process.UnstableRestarts);
        if (process.StartedAt is { } started)
        {
            json.WriteNumber("pm_uptime", started.ToUnixTimeMilliseconds());
        }

        if (process.User is { } user)
        {
            json.WriteString("username", user);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
