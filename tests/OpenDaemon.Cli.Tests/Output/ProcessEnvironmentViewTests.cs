using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Tests.Output;

public sealed class ProcessEnvironmentViewTests
{
    private static readonly ProcessEnvironment Environment = new()
    {
        Name = "api",
        Variables =
        [
            new EnvironmentVariable("PORT", "3000", "config", false),
            new EnvironmentVariable("DB_PASSWORD", "****", "secret", true),
            new EnvironmentVariable("OD_INSTANCE_ID", "0", "od", false),
        ],
    };

    [Fact]
    public void Render_SortsByNameAndMarksSecrets() =>
        Assert.Equal(
            ["DB_PASSWORD=**** (secret)", "OD_INSTANCE_ID=0", "PORT=3000"],
            ProcessEnvironmentView.Render(Environment, new CliOutput(TextWriter.Null, TextWriter.Null, json: false, color: false, quiet: false, verbose: false)));

    [Fact]
    public void Render_WithColour_DimsOnlyTheSecretMark() =>
        Assert.Equal(
            "DB_PASSWORD=****\u001b[2m (secret)\u001b[0m",
            ProcessEnvironmentView.Render(Environment, new CliOutput(TextWriter.Null, TextWriter.Null, json: false, color: true, quiet: false, verbose: false)).First());
}
