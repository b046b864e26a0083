using System.Diagnostics;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests.Sdk;

/// <summary>
/// examples/csharp-client, the C# SDK's sample, run as a user runs it against a real daemon: it starts a node app,
/// follows three of its log lines, stops and deletes it, and reports a typed error when no daemon runs.
/// </summary>
public sealed class CSharpClientSampleTests
{
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromMinutes(2);

    private const string Ticker = """
        let n = 0;
        setInterval(() => console.log('tick ' + (++n)), 100);
        """;

    [Fact]
    public async Task Sample_WithAScript_StartsFollowsStopsAndDeletesIt()
    {
        await using var od = new OdSandbox();
        var start = await od.RunAsync("daemon", "start");
        Assert.True(start.ExitCode == 0, start.ToString());
        var script = Path.Combine(TestApps.Write(od, "ticker.js", Ticker), "ticker.js");

        var run = await RunSampleAsync(od, script);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("connected to OpenDaemon", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("started csharp-client-sample", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(3, run.StandardOutput.Split('\n').Count(line => line.StartsWith("log stdout: tick ", StringComparison.Ordinal)));
        Assert.Contains("stopped csharp-client-sample: Stopped", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("deleted csharp-client-sample", run.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(await TestApps.ListAsync(od));
    }

    [Fact]
    public async Task Sample_WithoutADaemon_PrintsTheErrorCodeAndHint()
    {
        await using var od = new OdSandbox();

        var run = await RunSampleAsync(od);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error DAEMON_NOT_RUNNING: no daemon is running", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("hint: start one with 'od daemon start'", run.StandardError, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunSampleAsync(OdSandbox od, params string[] arguments)
    {
        // The sample's apphost, built with the solution (this project references it for the build order).
        var sample = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "CSharpClient", "debug", "csharp-client"));
        var info = new ProcessStartInfo(sample)
        {
            WorkingDirectory = od.Home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OD_HOME"] = od.Home;
        info.Environment.Remove("OD_SOCKET");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{sample} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(SampleTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
