using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenDaemon.Contracts.Logs;

/// <summary>One captured line (spec §3.3): what <c>od logs --json</c> prints and <c>log.search</c>/<c>log.stream</c> return.</summary>
public sealed record LogEntry
{
    /// <summary>When the daemon read the line (UTC, millisecond precision); null for a text log line without a timestamp prefix.</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>trace, debug, info, warn, error or fatal.</summary>
    public required string Level { get; init; }

    /// <summary>The run's pid; 0 when unknown (text logs).</summary>
    public int Pid { get; init; }

    /// <summary>App name.</summary>
    public required string ProcessName { get; init; }

    /// <summary>Instance number within the app.</summary>
    public int? InstanceId { get; init; }

    /// <summary>The line without its newline; for a line from a JSON logger, its message field.</summary>
    public required string Message { get; init; }

    /// <summary>stdout or stderr.</summary>
    public required string Source { get; init; }

    /// <summary>The other fields of a JSON logger's line (pino, bunyan, Serilog, Microsoft.Extensions.Logging).</summary>
    public JsonElement? Metadata { get; init; }
}
