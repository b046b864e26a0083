using OpenDaemon.Config.Scheduling;

namespace OpenDaemon.Config.Tests.Scheduling;

/// <summary>Every field form, macros, time zones and DST transitions of <see cref="CronSchedule"/>.</summary>
public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero); // a Tuesday

    public static TheoryData<string, string[]> Forms => new()
    {
        { "*/15 * * * *", ["2026-03-10T12:15:00Z", "2026-03-10T12:30:00Z", "2026-03-10T12:45:00Z"] },
        { "5 * * * *", ["2026-03-10T12:05:00Z", "2026-03-10T13:05:00Z", "2026-03-10T14:05:00Z"] },
        { "0 9-10 * * *", ["2026-03-11T09:00:00Z", "2026-03-11T10:00:00Z", "2026-03-12T09:00:00Z"] },
        { "0 0 1,15 * *", ["2026-03-15T00:00:00Z", "2026-04-01T00:00:00Z", "2026-04-15T00:00:00Z"] },
        { "0 0 1 JAN,jul *", ["2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-07-01T00:00:00Z"] },
        { "0 6 * * MON-FRI", ["2026-03-11T06:00:00Z", "2026-03-12T06:00:00Z", "2026-03-13T06:00:00Z"] },
        { "0 6 * * 7", ["2026-03-15T06:00:00Z", "2026-03-22T06:00:00Z", "2026-03-29T06:00:00Z"] },
        { "0 0 L * *", ["2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z", "2026-05-31T00:00:00Z"] },
        { "0 0 * * FRI#2", ["2026-03-13T00:00:00Z", "2026-04-10T00:00:00Z", "2026-05-08T00:00:00Z"] },
        { "30 */20 * * * *", ["2026-03-10T12:00:30Z", "2026-03-10T12:20:30Z", "2026-03-10T12:40:30Z"] },
        { "*/10 * * * * *", ["2026-03-10T12:00:10Z", "2026-03-10T12:00:20Z", "2026-03-10T12:00:30Z"] },
        { "@hourly", ["2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z"] },
        { "@daily", ["2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z", "2026-03-13T00:00:00Z"] },
        { "@weekly", ["2026-03-15T00:00:00Z", "2026-03-22T00:00:00Z", "2026-03-29T00:00:00Z"] },
        { "@monthly", ["2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z"] },
        { "@yearly", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"] },
        { "@ANNUALLY", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Next_EachFieldForm_GivesTheExpectedOccurrences(string cron, string[] expected)
    {
        var schedule = CronSchedule.Parse(cron, "UTC");

        var next = schedule.Next(Start, 3);

        Assert.Equal(expected.Select(DateTimeOffset.Parse), next);
        Assert.Equal(cron.Split(' ').Length == 6, schedule.HasSeconds);
    }

    [Fact]
    public void Next_InATimeZone_ReadsTheFieldsInThatZone()
    {
        var schedule = CronSchedule.Parse("0 9 * * *", "America/New_York");

        var next = schedule.Next(Start);

        // 09:00 in New York on 2026-03-10 is EDT (UTC-4, DST began on 2026-03-08).
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T13:00:00Z"), next);
    }

    [Fact]
    public void Next_AcrossASpringForwardGap_RunsOnceAtTheEndOfTheGap()
    {
        // Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29: 02:30 does not exist that day.
        var schedule = CronSchedule.Parse("30 2 * * *", "Europe/Berlin");

        var next = schedule.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(
            [DateTimeOffset.Parse("2026-03-29T01:00:00Z"), DateTimeOffset.Parse("2026-03-30T00:30:00Z"), DateTimeOffset.Parse("2026-03-31T00:30:00Z")],
            next);
    }

    [Fact]
    public void Next_AcrossAFallBackRepeat_RunsOnce()
    {
        // Europe/Berlin goes from 03:00 back to 02:00 on 2026-10-25: 02:30 happens twice, the job runs once.
        var schedule = CronSchedule.Parse("30 2 * * *", "Europe/Berlin");

        var next = schedule.Next(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal([DateTimeOffset.Parse("2026-10-25T00:30:00Z"), DateTimeOffset.Parse("2026-10-26T01:30:00Z")], next);
    }

    [Fact]
    public void Next_HourlyAcrossAFallBack_FollowsTheClockThroughBothOffsets()
    {
        var schedule = CronSchedule.Parse("0 * * * *", "Europe/Berlin");

        var next = schedule.Next(new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero), 3);

        // 01:00 CEST, 02:00 CEST, 02:00 CET: three UTC hours in a row.
        Assert.Equal(
            [DateTimeOffset.Parse("2026-10-24T23:00:00Z").AddHours(1), DateTimeOffset.Parse("2026-10-25T00:00:00Z").AddHours(0).AddHours(1), DateTimeOffset.Parse("2026-10-25T02:00:00Z")],
            next);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "99 * * * *", "cron field 1 (minute) \"99\": 99 is out of range 0-59" },
        { "0 24 * * *", "cron field 2 (hour) \"24\": 24 is out of range 0-23" },
        { "0 0 0 * *", "cron field 3 (day of month) \"0\": 0 is out of range 1-31" },
        { "0 0 * FOO *", "cron field 4 (month) \"FOO\": \"FOO\" is not a month value" },
        { "0 0 * * 8", "cron field 5 (day of week) \"8\": 8 is out of range 0-7" },
        { "60 * * * * *", "cron field 1 (second) \"60\": 60 is out of range 0-59" },
        { "* * * *", "has 4" },
        { "1,,2 * * * *", "empty list item" },
        { "@often", "unknown cron macro" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidField_NamesTheFieldAndItsPosition(string cron, string message)
    {
        var error = Assert.Throws<CronScheduleException>(() => CronSchedule.Parse(cron, "UTC"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTimeZone_IsAnError()
    {
        var error = Assert.Throws<CronScheduleException>(() => CronSchedule.Parse("@daily", "Mars/Olympus"));

        Assert.Contains("unknown time zone \"Mars/Olympus\"", error.Message, StringComparison.Ordinal);
    }
}
