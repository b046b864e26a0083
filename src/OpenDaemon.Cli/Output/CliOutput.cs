using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Output;

/// <summary>
/// Everything the CLI prints goes through here, so every command honours the same rules: human
/// text by default, one JSON document with <c>--json</c>, colour only on a terminal and never
/// with <c>NO_COLOR</c>/<c>--no-color</c>, errors as one line with code and hint, exit code 1.
/// </summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool color, bool quiet, bool verbose)
{
    public const int Success = 0;
    public const int Failure = 1;

    public bool Json { get; } = json;

    public bool Verbose { get; } = verbose;

    /// <summary>Decides colour the way users expect: a terminal, no NO_COLOR, no --no-color, no --json.</summary>
    public static bool ShouldUseColor(bool noColorOption, bool json) =>
        !noColorOption && !json
        && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"))
        && !Console.IsOutputRedirected;

    /// <summary>Writes a line of human output (suppressed in --json mode).</summary>
    public void Line(string text = "")
    {
        if (!Json)
        {
            stdout.WriteLine(text);
        }
    }

    /// <summary>Progress that is not the command's result: on stderr, silenced by --quiet and --json.</summary>
    public void Note(string text)
    {
        if (!quiet && !Json)
        {
            stderr.WriteLine(Dim(text));
        }
    }

    /// <summary>Writes the command's result as one JSON document (only in --json mode).</summary>
    public void JsonResult<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        if (Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        }
    }

    /// <summary>Writes the daemon's answer as it came (only in --json mode): no decoding and encoding again.</summary>
    public void RawJsonResult(JsonElement value)
    {
        if (Json)
        {
            stdout.WriteLine(value.GetRawText());
        }
    }

    /// <summary>Writes a document that is the command's output whatever the mode (<c>od jlist</c>, <c>od startup --print</c>).</summary>
    public void Document(string text) => stdout.WriteLine(text);

    /// <summary>Writes one JSON Lines record (only in --json mode), for outputs that stream such as <c>od logs</c>.</summary>
    public void JsonLine(string json)
    {
        if (Json)
        {
            stdout.WriteLine(json);
        }
    }

    /// <summary>Pushes what was written so far to the terminal (for followers, which wait between lines).</summary>
    public void Flush() => stdout.Flush();

    /// <summary>Reports an expected failure and returns the exit code.</summary>
    public int Fail(DaemonException error)
    {
        if (Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new CliError(error.ToErrorInfo()), CliJsonContext.Default.CliError));
        }
        else
        {
            var hint = error.Hint is null ? "" : Dim($" — {error.Hint}");
            stderr.WriteLine($"{Red(error.Code.ToWireName())}: {error.Message}{hint}");
        }

        if (Verbose && error.InnerException is not null)
        {
            stderr.WriteLine(error.InnerException.ToString());
        }

        return Failure;
    }

    /// <summary>Reports a bug: still one line, the stack only with --verbose.</summary>
    public int FailUnexpected(Exception error)
    {
        var wrapped = new DaemonException(
            ErrorCode.UnknownError,
            $"{error.GetType().Name}: {error.Message}",
            Verbose ? null : "this is a bug; run again with --verbose and report the output",
            error);
        return Fail(wrapped);
    }

    public string Green(string text) => Paint(text, "32");

    public string Red(string text) => Paint(text, "31");

    public string Yellow(string text) => Paint(text, "33");

    public string Bold(string text) => Paint(text, "1");

    public string Dim(string text) => Paint(text, "2");

    /// <summary>Paints with an SGR code ("36" cyan, "35" magenta, ...) when colour is on.</summary>
    public string Paint(string text, string sgr) => color ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
}
