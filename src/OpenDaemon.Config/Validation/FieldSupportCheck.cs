using System.Text.Json;
using OpenDaemon.Config.Mapping;

namespace OpenDaemon.Config.Validation;

/// <summary>
/// Turns a used field that <see cref="FieldSupport"/> marks as not live into one warning naming the
/// field as the user wrote it (a PM2 name too), so file:line points at it. <c>false</c> asks for
/// nothing (<c>watch: false</c>), so it warns about nothing.
/// </summary>
internal static class FieldSupportCheck
{
    public static void Check(MappingContext context, string path, string key, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.False or JsonValueKind.Null)
        {
            return;
        }

        var schema = FieldSupport.SchemaPath(path);
        if (!FieldSupport.Fields.TryGetValue(schema, out var entry))
        {
            // Inside a section that is not live the section's warning says it all, unless the user
            // wrote this field under a PM2 name (ignore_watch → watch.ignore): then name that too.
            if (FieldSupport.Find(schema) is { Status: FieldStatus.NotYet } section && WrittenKey(context, path) != key)
            {
                context.Warn(path, $"{Describe(context, path, key, null)} is not supported yet and is ignored: {section.Reason}");
            }

            return;
        }

        if (entry.Status == FieldStatus.NotYet)
        {
            context.Warn(path, $"{Describe(context, path, key, null)} is not supported yet and is ignored: {entry.Reason}");
        }
        else if (entry.NotLiveValues is { } values && value.ValueKind == JsonValueKind.String
            && values.Contains(value.GetString()!.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            context.Warn(path, $"{Describe(context, path, key, value.GetString()!.Trim())} is not supported yet: {entry.Reason}");
        }
    }

    // "'watch'", "'mode: cluster'", or for a PM2 name "PM2 'exec_mode: cluster' (OpenDaemon 'mode')".
    private static string Describe(MappingContext context, string path, string key, string? value)
    {
        var writtenKey = WrittenKey(context, path);
        var shown = value is null ? string.Empty : $": {value}";
        return writtenKey.Length > 0 && writtenKey != key
            ? $"PM2 '{writtenKey}{shown}' (OpenDaemon '{key}')"
            : $"'{key}{shown}'";
    }

    private static string WrittenKey(MappingContext context, string path)
    {
        var written = context.ResolvePath(path);
        var cut = Math.Max(written.LastIndexOf('.'), written.LastIndexOf(']'));
        return cut >= 0 ? written[(cut + 1)..] : written;
    }
}
