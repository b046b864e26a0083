using System.Globalization;

namespace OpenDaemon.Config.Scheduling;

/// <summary>
/// A field-by-field check of a cron expression before Cronos parses it, so that a problem names the
/// field and its position (<c>field 1 (minute): 99 is out of range 0-59</c>) instead of "invalid
/// format". It checks numbers and ranges; Cronos still rejects whatever else is malformed.
/// </summary>
internal static class CronFields
{
    public static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly (string Name, int Min, int Max)[] Standard =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static void Check(string[] fields)
    {
        var shapes = fields.Length == 6 ? [("second", 0, 59), .. Standard] : Standard;
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, min, max) = shapes[i];
            if (Problem(fields[i], name, min, max) is { } problem)
            {
                throw new CronScheduleException($"cron field {i + 1} ({name}) \"{fields[i]}\": {problem}");
            }
        }
    }

    private static string? Problem(string field, string name, int min, int max)
    {
        foreach (var part in field.Split(','))
        {
            if (part.Length == 0)
            {
                return "empty list item";
            }

            var slash = part.IndexOf('/', StringComparison.Ordinal);
            var range = slash < 0 ? part : part[..slash];
            if (slash >= 0 && (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1 || step > max - min + 1))
            {
                return $"step \"{part[(slash + 1)..]}\" must be a number from 1 to {max - min + 1}";
            }

            if (range is "*" or "?" || IsSpecial(range, name))
            {
                continue;
            }

            foreach (var bound in range.Split('-'))
            {
                if (Value(bound, name) is not { } value)
                {
                    return $"\"{bound}\" is not a {name} value";
                }

                if (value < min || value > max)
                {
                    return $"{value} is out of range {min}-{max}";
                }
            }
        }

        return null;
    }

    // L, W, LW and # forms: Cronos checks their details.
    private static bool IsSpecial(string range, string name) =>
        (name == "day of month" && (range.Contains('L', StringComparison.OrdinalIgnoreCase) || range.EndsWith('W') || range.EndsWith('w')))
        || (name == "day of week" && (range.Contains('#', StringComparison.Ordinal) || range.EndsWith('L') || range.EndsWith('l')));

    private static int? Value(string text, string name)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var names = name switch { "month" => Months, "day of week" => Days, _ => null };
        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : name == "month" ? index + 1 : index;
    }
}
