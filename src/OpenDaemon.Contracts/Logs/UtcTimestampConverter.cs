using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenDaemon.Contracts.Logs;

/// <summary>
/// Writes a log timestamp the way the log files store it, <c>2026-11-23T15:30:00.123Z</c> (UTC, milliseconds),
/// so that <c>od logs --json</c> and the files agree; reads any ISO 8601 form.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
