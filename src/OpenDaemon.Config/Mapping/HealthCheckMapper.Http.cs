using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenDaemon.Config.Model;

namespace OpenDaemon.Config.Mapping;

// The fields of http, https and grpc checks: URL, method, accepted statuses, expected body, CA file.
internal static partial class HealthCheckMapper
{
    private const string RegexFlags = "imsgu";

    private static string? Url(ObjectReader r, HealthCheckType type)
    {
        if (r.String("url") is not { } text)
        {
            return null;
        }

        var ok = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        if (ok && type == HealthCheckType.Https && uri!.Scheme != "https")
        {
            r.Context.Problem(r.PathOf("url"), $"an 'https' health check needs an https:// URL, found {ObjectReader.Quote(text)}", ObjectReader.Quote(text), "an https:// URL");
            return null;
        }

        if (!ok)
        {
            r.Context.Problem(r.PathOf("url"), $"expected an absolute http:// or https:// URL, found {ObjectReader.Quote(text)}", ObjectReader.Quote(text), "an absolute http:// or https:// URL");
            return null;
        }

        return text;
    }

    private static string? Method(ObjectReader r)
    {
        var method = r.String("method");
        if (method is not null && (method.Length == 0 || !method.All(char.IsAsciiLetter)))
        {
            r.Context.Problem(r.PathOf("method"), $"expected an HTTP method like GET or HEAD, found {ObjectReader.Quote(method)}", ObjectReader.Quote(method), "an HTTP method like GET or HEAD");
            return null;
        }

        return method?.ToUpperInvariant();
    }

    /// <summary>A status (200), a range ("200-299"), or a list of both; ranges are expanded, so the model is a plain list.</summary>
    private static IReadOnlyList<int>? ExpectedStatus(ObjectReader r)
    {
        const string Expected = "a status code from 100 to 599 or a range like \"200-299\"";
        var value = r.Get("expectedStatus");
        if (value is null)
        {
            return null;
        }

        var list = value.Value.ValueKind == JsonValueKind.Array;
        var items = list ? [.. value.Value.EnumerateArray()] : new[] { value.Value };
        var codes = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryAddStatusCodes(items[i], codes))
            {
                r.Report(list ? JsonPath.Index(r.PathOf("expectedStatus"), i) : r.PathOf("expectedStatus"), items[i], list ? Expected : $"{Expected}, or a list of them");
            }
        }

        return codes;
    }

    private static bool TryAddStatusCodes(JsonElement item, List<int> codes)
    {
        if (ObjectReader.TryInt(item, out var code))
        {
            return code is >= 100 and <= 599 && Add(code, code);
        }

        if (item.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = item.GetString()!.Trim();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = dash < 0 ? text : text[..dash].Trim();
        var last = dash < 0 ? text : text[(dash + 1)..].Trim();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            && from is >= 100 and <= 599 && to is >= 100 and <= 599 && from <= to
            && Add(from, to);

        bool Add(int from, int to)
        {
            for (var status = from; status <= to; status++)
            {
                codes.Add(status);
            }

            return true;
        }
    }

    private static BodyMatch? ExpectedBody(ObjectReader r)
    {
        var value = r.Get("expectedBody");
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.String => BodyFromString(r, value.Value.GetString()!),
            JsonValueKind.Object => r.Object("expectedBody", o => RegexBody(o, o.String("regex", required: true), o.String("flags") ?? string.Empty, o.PathOf("regex"), o.PathOf("flags"))),
            _ => r.Invalid<BodyMatch>("expectedBody", value.Value, "a string, \"/regex/flags\" or { \"regex\": \"pattern\" }"),
        };
    }

    // "/^ok$/i" is a regex when it ends in a slash and known flags; anything else ("/api/v1") is a substring.
    private static BodyMatch? BodyFromString(ObjectReader r, string text)
    {
        var close = text.LastIndexOf('/');
        if (text.Length >= 2 && text[0] == '/' && close > 0 && text[(close + 1)..].All(RegexFlags.Contains))
        {
            var path = r.PathOf("expectedBody");
            return RegexBody(r, text[1..close], text[(close + 1)..], path, path);
        }

        return new BodyMatch { Text = text };
    }

    private static BodyMatch? RegexBody(ObjectReader r, string? pattern, string flags, string patternPath, string flagsPath)
    {
        if (flags.Any(f => !RegexFlags.Contains(f, StringComparison.Ordinal)))
        {
            r.Context.Problem(flagsPath, $"unsupported regex flags {ObjectReader.Quote(flags)}", ObjectReader.Quote(flags), "some of i, m, s");
        }

        if (pattern is null)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            r.Context.Problem(patternPath, $"invalid regular expression {ObjectReader.Quote(pattern)}: {ex.Message}", ObjectReader.Quote(pattern), "a valid .NET regular expression");
            return null;
        }

        return new BodyMatch
        {
            Text = pattern,
            IsRegex = true,
            IgnoreCase = flags.Contains('i', StringComparison.Ordinal),
            Multiline = flags.Contains('m', StringComparison.Ordinal),
            DotAll = flags.Contains('s', StringComparison.Ordinal),
        };
    }

    private static string? CaFile(ObjectReader r, string baseDirectory)
    {
        var path = r.FilePath("caFile", baseDirectory);
        if (path is not null && !File.Exists(path))
        {
            r.Context.Problem(r.PathOf("caFile"), $"CA file {path} does not exist", ObjectReader.Quote(path), "the path of a PEM file of CA certificates");
            return null;
        }

        return path;
    }
}
