using System.Globalization;
using System.Text.Json;

namespace OpenDaemon.Contracts;

/// <summary>
/// Parses the unit strings of config files once, at the edge: durations (<c>"250ms"</c>,
/// <c>"30s"</c>, <c>"5m"</c>, <c>"2h"</c>, <c>"7d"</c>, <c>"1w"</c>, combined <c>"1h30m"</c>; a bare
/// number is milliseconds) and sizes (<c>"512M"</c>, <c>"1G"</c>, <c>"1.5GB"</c>, <c>"64KiB"</c>;
/// a bare number is bytes). Size multiples are binary (1K = 1024 bytes), as in PM2.
/// </summary>
public static class Units
{
    /// <summary>Parses a duration string; a bare number is milliseconds. Negative values are refused.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration) =>
        TryParseDuration(text, TimeSpan.FromMilliseconds(1), out duration);

    /// <summary>Parses a duration from JSON: a number of milliseconds or a duration string.</summary>
    public static bool TryParseDuration(JsonElement value, out TimeSpan duration) =>
        TryParseDuration(value, TimeSpan.FromMilliseconds(1), out duration);

    /// <summary>Parses a size string; a bare number is bytes. Negative values are refused.</summary>
    public static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (!SplitNumber(text, out var number, out var unit))
        {
            return false;
        }

        long? multiplier = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => null,
        };
        return multiplier is { } m && ToLong(number * m, out bytes);
    }

    /// <summary>Parses a size from JSON: a whole number of bytes or a size string.</summary>
    public static bool TryParseSize(JsonElement value, out long bytes)
    {
        bytes = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out var number) && number == Math.Floor(number) && ToLong(number, out bytes),
            JsonValueKind.String => TryParseSize(value.GetString(), out bytes),
            _ => false,
        };
    }

    /// <summary>Like <see cref="TryParseDuration(JsonElement, out TimeSpan)"/> but a bare number counts in <paramref name="numberUnit"/>.</summary>
    public static bool TryParseDuration(JsonElement value, TimeSpan numberUnit, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out var number) && FromNumber(number, numberUnit, out duration),
            JsonValueKind.String => TryParseDuration(value.GetString(), numberUnit, out duration),
            _ => false,
        };
    }

    /// <summary>Like <see cref="TryParseDuration(string, out TimeSpan)"/> but a bare number counts in <paramref name="numberUnit"/>.</summary>
    public static bool TryParseDuration(string? text, TimeSpan numberUnit, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var rest = (text ?? string.Empty).Trim();
        if (rest.Length == 0)
        {
            return false;
        }

        if (double.TryParse(rest, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            return FromNumber(bare, numberUnit, out duration);
        }

        // A sequence of <number><unit> parts, e.g. "1h30m" or "1.5s".
        double totalMs = 0;
        while (rest.Length > 0)
        {
            var numberEnd = 0;
            while (numberEnd < rest.Length && (char.IsAsciiDigit(rest[numberEnd]) || rest[numberEnd] == '.'))
            {
                numberEnd++;
            }

            var unitStart = numberEnd;
            while (unitStart < rest.Length && rest[unitStart] == ' ')
            {
                unitStart++;
            }

            var unitEnd = unitStart;
            while (unitEnd < rest.Length && char.IsAsciiLetter(rest[unitEnd]))
            {
                unitEnd++;
            }

            if (numberEnd == 0 || unitEnd == unitStart
                || !double.TryParse(rest.AsSpan(0, numberEnd), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            double? unitMs = rest[unitStart..unitEnd].ToLowerInvariant() switch
            {
                "ms" => 1,
                "s" or "sec" or "secs" => 1_000,
                "m" or "min" or "mins" => 60_000,
                "h" or "hr" or "hrs" => 3_600_000,
                "d" or "day" or "days" => 86_400_000,
                "w" or "week" or "weeks" => 604_800_000,
                _ => null,
            };
            if (unitMs is not { } ms)
            {
                return false;
            }

            totalMs += number * ms;
            rest = rest[unitEnd..].TrimStart();
        }

        return FromNumber(totalMs, TimeSpan.FromMilliseconds(1), out duration);
    }

    private static bool FromNumber(double number, TimeSpan unit, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var ms = number * unit.TotalMilliseconds;
        if (!double.IsFinite(ms) || ms < 0 || ms > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    private static bool SplitNumber(string? text, out double number, out string unit)
    {
        number = 0;
        unit = string.Empty;
        var trimmed = (text ?? string.Empty).Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        unit = trimmed[end..].Trim();
        return end > 0 && double.TryParse(trimmed.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static bool ToLong(double value, out long result)
    {
        result = 0;
        if (!double.IsFinite(value) || value < 0 || value >= long.MaxValue)
        {
            return false;
        }

        result = (long)Math.Round(value);
        return true;
    }
}
