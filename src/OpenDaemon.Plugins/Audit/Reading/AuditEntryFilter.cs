using System.Globalization;
using OpenDaemon.Contracts.Audit;

namespace OpenDaemon.Plugins.Audit.Reading;

/// <summary>The filters of <c>audit.search</c> and <c>audit.stream</c>: action pattern, actor, time.</summary>
internal sealed class AuditEntryFilter(string? action, string? actor, DateTimeOffset? since)
{
    public static AuditEntryFilter From(AuditFilterParams parameters, DateTimeOffset? since = null) =>
        new(parameters.Action is { Length: > 0 } a ? a : null, parameters.Actor is { Length: > 0 } b ? b : null, since);

    public DateTimeOffset? Since => since;

    public bool Matches(AuditEntry entry) =>
        (since is null || entry.Timestamp >= since)
        && (action is null || Wildcard.Matches(action, entry.Action))
        && (actor is null || MatchesActor(entry.Actor, actor));

    // cli, api, daemon: the kind of actor; anything else: a user name, a uid or a token id.
    private static bool MatchesActor(AuditActor entry, string actor) =>
        actor is "cli" or "api" or "daemon"
            ? entry.Type == actor
            : entry.User == actor
              || entry.TokenId == actor
              || (entry.Uid is { } uid && uid.ToString(CultureInfo.InvariantCulture) == actor);
}
