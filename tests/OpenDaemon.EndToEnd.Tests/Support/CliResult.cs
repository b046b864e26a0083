namespace OpenDaemon.EndToEnd.Tests.Support;

/// <summary>What one run of <c>od</c> produced.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
