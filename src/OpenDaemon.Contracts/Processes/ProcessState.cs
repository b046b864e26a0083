using System.Text.Json.Serialization;

namespace OpenDaemon.Contracts.Processes;

/// <summary>The states of a managed instance (spec §3.1), spelled on the wire as in the spec.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProcessState>))]
public enum ProcessState
{
    /// <summary>Defined but never started.</summary>
    [JsonStringEnumMemberName("created")] Created,

    /// <summary>Spawned, waiting for readiness (or for the spawn itself).</summary>
    [JsonStringEnumMemberName("starting")] Starting,

    /// <summary>Running (and ready, when readiness is required).</summary>
    [JsonStringEnumMemberName("online")] Online,

    /// <summary>Stop signal sent, waiting for the process tree to exit.</summary>
    [JsonStringEnumMemberName("stopping")] Stopping,

    /// <summary>Not running, on purpose (a user stop, or a clean exit the policy does not restart).</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,

    /// <summary>Crashed or failed to start; waiting for a backoff restart or given up.</summary>
    [JsonStringEnumMemberName("errored")] Errored,
}
