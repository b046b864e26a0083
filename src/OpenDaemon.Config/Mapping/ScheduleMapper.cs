using System.Text.RegularExpressions;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Maps the flat scheduler keys (<c>cron</c>, <c>cronTimezone</c>, <c>cronOverlap</c>,
/// <c>cronRetry</c>; spec §3.9) into one <see cref="ScheduleConfig"/>. The cron check here is a
/// shape check (field count and characters); the scheduler plugin owns the full grammar.
/// </summary>
internal static partial class ScheduleMapper
{
    private static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    public static ScheduleConfig? Map(ObjectReader r)
    {
        var cron = r.String("cron");
        var timezone = r.String("cronTimezone");
        var overlap = r.Bool("cronOverlap");
        var retry = r.Int("cronRetry", min: 0);
        if (cron is null)
        {
            foreach (var orphan in new[] { "cronTimezone", "cronOverlap", "cronRetry" }.Where(r.Has))
            {
                r.Context.Problem(r.PathOf(orphan), $"'{orphan}' has no effect without 'cron'", null, "a 'cron' expression beside it");
            }

            return null;
        }

        if (!IsCronShape(cron))
        {
            var found = ObjectReader.Quote(cron);
            r.Context.Problem(r.PathOf("cron"), $"expected a cron expression with 5 or 6 fields (like \"*/5 * * * *\") or @daily/@hourly/..., found {found}", found, "a cron expression like \"*/5 * * * *\"");
        }

        if (timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _))
        {
            var found = ObjectReader.Quote(timezone);
            r.Context.Problem(r.PathOf("cronTimezone"), $"unknown time zone {found}", found, "an IANA time zone like \"Europe/Berlin\"");
        }

        return new ScheduleConfig { Cron = cron, Timezone = timezone, AllowOverlap = overlap ?? false, Retry = retry ?? 0 };
    }

    internal static bool IsCronShape(string cron)
    {
        var text = cron.Trim();
        if (text.StartsWith('@'))
        {
            return Macros.Contains(text, StringComparer.OrdinalIgnoreCase);
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 5 or 6 && fields.All(field => CronField().IsMatch(field));
    }

    [GeneratedRegex(@"^[0-9A-Za-z*?/,\-#LW]+$")]
    private static partial Regex CronField();
}
