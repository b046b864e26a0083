using System.Text.Json;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class CliOutputTests
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public void Fail_Human_WritesOneLineWithCodeMessageAndHintToStderr()
    {
        var output = Create(json: false, color: false);

        var exitCode = output.Fail(new DaemonException(ErrorCode.DaemonNotRunning, "no daemon is running", "start one with 'od daemon start'"));

        Assert.Equal(1, exitCode);
        Assert.Equal("", _stdout.ToString());
        Assert.Equal("DAEMON_NOT_RUNNING: no daemon is running — start one with 'od daemon start'" + Environment.NewLine, _stderr.ToString());
    }

    [Fact]
    public void Fail_Json_WritesErrorObjectToStdout()
    {
        var output = Create(json: true, color: false);

        output.Fail(new DaemonException(ErrorCode.ProcessNotFound, "no app named api", "see 'od ls'"));

        using var document = JsonDocument.Parse(_stdout.ToString());
        var error = document.RootElement.GetProperty("error");
        Assert.Equal("PROCESS_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal("no app named api", error.GetProperty("message").GetString());
        Assert.Equal("see 'od ls'", error.GetProperty("hint").GetString());
    }

    [Fact]
    public void FailUnexpected_WithoutVerbose_HasNoStackTrace()
    {
        var output = Create(json: false, color: false);

        output.FailUnexpected(ThrowAndCatch());

        var line = Assert.Single(_stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("UNKNOWN_ERROR: InvalidOperationException: boom", line, StringComparison.Ordinal);
        Assert.Contains("--verbose", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_WithColor_PaintsOnlyWhenEnabled()
    {
        var plain = Create(json: false, color: false);
        var colored = Create(json: false, color: true);

        Assert.Equal("ok", plain.Green("ok"));
        Assert.Equal("\u001b[32mok\u001b[0m", colored.Green("ok"));
    }

    [Fact]
    public void Line_InJsonMode_IsSuppressedSoStdoutStaysOneDocument()
    {
        var output = Create(json: true, color: false);

        output.Line("human text");
        output.Note("progress");

        Assert.Equal("", _stdout.ToString());
        Assert.Equal("", _stderr.ToString());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ShouldUseColor_NoColorOptionOrJson_DisablesColour(bool noColor, bool json) =>
        Assert.False(CliOutput.ShouldUseColor(noColor, json));

    private CliOutput Create(bool json, bool color) => new(_stdout, _stderr, json, color, quiet: false, verbose: false);

    private static InvalidOperationException ThrowAndCatch()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException error)
        {
            return error;
        }
    }
}
