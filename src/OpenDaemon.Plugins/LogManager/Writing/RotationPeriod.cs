namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Time-based rotation from <c>rotation.datePattern</c>: the finest unit the pattern names is the
/// period (<c>YYYY-MM-DD</c> daily, <c>YYYY-MM-DD-HH</c> hourly, down to seconds), in the daemon's
/// local time as PM2's logrotate does. A file is rotated at its first line after the period it was
/// opened in ended, which is what comparing the formatted keys would give, without formatting per line.
/// </summary>
internal readonly struct RotationPeriod
{
    private readonly Unit _unit;

    private RotationPeriod(Unit unit) => _unit = unit;

    private enum Unit
    {
        None,
        Year,
        Month,
        Day,
        Hour,
        Minute,
        Second,
    }

    public static RotationPeriod FromPattern(string? pattern)
    {
        var unit = Unit.None;
        var literal = false;
        foreach (var c in pattern ?? string.Empty)
        {
            literal = c switch { '[' => true, ']' => false, _ => literal };
            var named = literal ? Unit.None : c switch
            {
                'Y' => Unit.Year,
                'M' => Unit.Month,
                'D' => Unit.Day,
                'H' or 'h' => Unit.Hour,
                'm' => Unit.Minute,
                's' => Unit.Second,
                _ => Unit.None,
            };
            unit = named > unit ? named : unit;
        }

        return new RotationPeriod(unit);
    }

    /// <summary>When the period that contains <paramref name="now"/> ends; <see cref="DateTimeOffset.MaxValue"/> without a period.</summary>
    public DateTimeOffset End(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (_unit == Unit.None)
        {
            return DateTimeOffset.MaxValue;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var end = _unit switch
        {
            Unit.Year => new DateTime(local.Year, 1, 1).AddYears(1),
            Unit.Month => new DateTime(local.Year, local.Month, 1).AddMonths(1),
            Unit.Day => local.Date.AddDays(1),
            Unit.Hour => local.Date.AddHours(local.Hour + 1),
            Unit.Minute => local.Date.AddMinutes((local.Hour * 60) + local.Minute + 1),
            _ => local.Date.AddSeconds((local.Hour * 3600) + (local.Minute * 60) + local.Second + 1),
        };

        // A local time skipped by a DST change has no offset of its own; GetUtcOffset gives the standard one.
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}
