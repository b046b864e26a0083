namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary><c>2026-11-23T15:30:00.123Z</c>: UTC with milliseconds, the form every entry carries.</summary>
internal static class IsoTimestamp
{
    public const int Length = 24;

    public static void Format(DateTimeOffset at, Span<byte> destination)
    {
        var utc = at.UtcDateTime;
        Digits.Write(destination, utc.Year, 4);
        destination[4] = (byte)'-';
        Digits.Write(destination[5..], utc.Month, 2);
        destination[7] = (byte)'-';
        Digits.Write(destination[8..], utc.Day, 2);
        destination[10] = (byte)'T';
        Digits.Write(destination[11..], utc.Hour, 2);
        destination[13] = (byte)':';
        Digits.Write(destination[14..], utc.Minute, 2);
        destination[16] = (byte)':';
        Digits.Write(destination[17..], utc.Second, 2);
        destination[19] = (byte)'.';
        Digits.Write(destination[20..], utc.Millisecond, 3);
        destination[23] = (byte)'Z';
    }
}
