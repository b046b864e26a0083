using System.CommandLine;
using OpenDaemon.Cli.Output;

namespace OpenDaemon.Cli.Commands;

/// <summary>Options every command accepts (spec §6.3).</summary>
internal sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as JSON", Recursive = true };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Never use colours (also: NO_COLOR=1)", Recursive = true };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only results and errors", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print details of failures", Recursive = true };

    /// <summary>The configuration file for commands that read one (spec §6.3 <c>--config, -c</c>).</summary>
    public static Option<string?> CreateConfigOption(string description) => new("--config", "-c") { Description = description };

    public void AddTo(Command root)
    {
        root.Add(Json);
        root.Add(NoColor);
        root.Add(Quiet);
        root.Add(Verbose);
    }

    // Console.Out writes through a 256-byte buffer: a 260 kB `od ls --json` became a thousand
    // write calls. This writer still flushes after every Write/WriteLine (output stays immediate,
    // `logs -f` included) but in chunks of up to 64 kB.
    private static readonly Lazy<TextWriter> StandardOutput = new(() => TextWriter.Synchronized(
        new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = true }));

    public CliOutput CreateOutput(ParseResult parse)
    {
        var json = parse.GetValue(Json);
        return new CliOutput(
            StandardOutput.Value,
            Console.Error,
            json,
            CliOutput.ShouldUseColor(parse.GetValue(NoColor), json),
            parse.GetValue(Quiet),
            parse.GetValue(Verbose));
    }
}
