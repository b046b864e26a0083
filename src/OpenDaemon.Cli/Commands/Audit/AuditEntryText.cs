using System.Globalization;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Audit;

namespace OpenDaemon.Cli.Commands.Audit;

/// <summary>One audit entry on one line: time, actor, action, target, result, duration.</summary>
internal static class AuditEntryText
{
    public static string Format(AuditEntry entry, CliOutput output)
    {
        var time = entry.Timestamp.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var target = entry.Target is { } t ? (t.Name is { } name ? $"{t.Type} {name}" : t.Type) : "-";
        var result = entry.Result == "success" ? output.Green(entry.Result) : output.Red(entry.Result);
        var duration = entry.Duration is { } ms ? $" {ms.ToString("0.#", CultureInfo.InvariantCulture)}ms" : "";
        return $"{output.Dim(time)}  {Actor(entry.Actor),-24}  {output.Bold(entry.Action)}  {target}  {result}{duration}";
    }

    private static string Actor(AuditActor actor) => actor.Type switch
    {
        "cli" => $"cli {actor.User ?? actor.Uid?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(actor.Pid is { } pid ? $" (pid {pid})" : "")}",
        "api" => $"api {actor.TokenId ?? "-"}{(actor.Address is { } address ? $" @{address}" : "")}",
        _ => actor.Type,
    };
}
