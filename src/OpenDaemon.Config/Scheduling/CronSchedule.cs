using Cronos;

namespace OpenDaemon.Config.Scheduling;

/// <summary>
/// A parsed cron schedule (spec §3.9): 5 fields, 6 with a leading seconds field, or a macro
/// (<c>@yearly @annually @monthly @weekly @daily @midnight @hourly</c>), in an IANA time zone.
/// Occurrences come from Cronos, which handles DST: a time that falls into a spring-forward gap
/// runs once at the end of the gap, and a time repeated by a fall-back runs once (at its first
/// instance) — except for schedules that fire every hour or more often, which follow the clock
/// through both offsets, as in Vixie cron.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo zone, bool hasSeconds)
    {
        Text = text;
        _expression = expression;
        Zone = zone;
        HasSeconds = hasSeconds;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The zone the fields are read in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>True for 6-field expressions (a seconds field first).</summary>
    public bool HasSeconds { get; }

    /// <summary>
    /// Parses <paramref name="cron"/> in <paramref name="timezone"/> (null: the daemon's local zone).
    /// Throws <see cref="CronScheduleException"/> naming the bad field and its position.
    /// </summary>
    public static CronSchedule Parse(string cron, string? timezone)
    {
        var text = cron.Trim();
        var zone = TimeZoneOf(timezone);
        if (text.StartsWith('@'))
        {
            if (!CronFields.Macros.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                throw new CronScheduleException($"unknown cron macro \"{text}\"; use one of {string.Join(", ", CronFields.Macros)}");
            }

            return new CronSchedule(text, CronExpression.Parse(text.ToLowerInvariant()), zone, hasSeconds: false);
        }

        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            throw new CronScheduleException($"a cron expression has 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; \"{text}\" has {fields.Length}");
        }

        CronFields.Check(fields);
        var seconds = fields.Length == 6;
        try
        {
            return new CronSchedule(text, CronExpression.Parse(string.Join(' ', fields), seconds ? CronFormat.IncludeSeconds : CronFormat.Standard), zone, seconds);
        }
        catch (CronFormatException exception)
        {
            throw new CronScheduleException($"invalid cron expression \"{text}\": {exception.Message}");
        }
    }

    /// <summary>The zone named <paramref name="timezone"/>, or local; <see cref="CronScheduleException"/> for an unknown name.</summary>
    public static TimeZoneInfo TimeZoneOf(string? timezone) =>
        timezone is null ? TimeZoneInfo.Local
        : TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) ? zone
        : throw new CronScheduleException($"unknown time zone \"{timezone}\"; use an IANA name like \"Europe/Berlin\" or \"UTC\"");

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when the expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, Zone, inclusive: false);

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        var found = new List<DateTimeOffset>(count);
        for (var at = Next(after); at is { } next && found.Count < count; at = Next(next))
        {
            found.Add(next);
        }

        return found;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
