using OpenDaemon.Config.Model;
using OpenDaemon.Config.Scheduling;

namespace OpenDaemon.Config.Mapping;

/// <summary>
/// Maps the flat scheduler keys (<c>cron</c>, <c>cronTimezone</c>, <c>cronOverlap</c>,
/// <c>cronRetry</c>, <c>cronCatchUp</c>; spec §3.9) into one <see cref="ScheduleConfig"/>; the expression
/// and zone are parsed here (<see cref="CronSchedule"/>), so a bad field fails validation with its position.
/// </summary>
internal static class ScheduleMapper
{
    public static ScheduleConfig? Map(ObjectReader r)
    {
        var cron = r.String("cron");
        var timezone = r.String("cronTimezone");
        var overlap = r.Bool("cronOverlap");
        var retry = r.Int("cronRetry", min: 0);
        var catchUp = r.Bool("cronCatchUp");
        if (cron is null)
        {
            foreach (var orphan in new[] { "cronTimezone", "cronOverlap", "cronRetry", "cronCatchUp" }.Where(r.Has))
            {
                r.Context.Problem(r.PathOf(orphan), $"'{orphan}' has no effect without 'cron'", null, "a 'cron' expression beside it");
            }

            return null;
        }

        try
        {
            CronSchedule.Parse(cron, timezone);
        }
        catch (CronScheduleException exception)
        {
            var zoneProblem = timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _);
            var key = zoneProblem ? "cronTimezone" : "cron";
            var found = ObjectReader.Quote(zoneProblem ? timezone! : cron);
            r.Context.Problem(r.PathOf(key), exception.Message, found, zoneProblem ? "an IANA time zone like \"Europe/Berlin\"" : "a cron expression like \"*/5 * * * *\"");
        }

        return new ScheduleConfig { Cron = cron, Timezone = timezone, AllowOverlap = overlap ?? false, Retry = retry ?? 0, CatchUp = catchUp ?? false };
    }
}
