using System.Diagnostics;
using OpenDaemon.EndToEnd.Tests.Pm2;
using OpenDaemon.EndToEnd.Tests.Support;

namespace OpenDaemon.EndToEnd.Tests.Sdk;

/// <summary>
/// The TypeScript SDK (sdk/typescript, npm package <c>opendaemon</c>) under node's test runner against the
/// <c>od</c> built here: <c>npm ci</c> (TypeScript is its only, dev, dependency), then <c>npm test</c>, which
/// compiles it and runs sdk/typescript/test/*.test.mjs — a real daemon in a private OD_HOME, a real app. Node's
/// output is shown when it fails.
/// </summary>
public sealed class TypeScriptSdkTests
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(10);

    [NpmFact]
    public async Task NodeTests_AgainstTheBuiltDaemon_AllPassAndNoneIsSkipped()
    {
        var sdk = Path.Combine(RepositoryRoot(), "sdk", "typescript");

        var install = await RunAsync(sdk, NpmTimeout, "ci", "--no-audit", "--no-fund");
        Assert.True(install.ExitCode == 0, $"npm ci failed\n{install}");
        var test = await RunAsync(sdk, TestTimeout, "test");

        Assert.True(test.ExitCode == 0, $"the TypeScript SDK's tests failed\n{test}");
        Assert.Matches(@"# pass [1-9]", test.StandardOutput);
        Assert.Contains("# fail 0", test.StandardOutput, StringComparison.Ordinal);
        Assert.True(test.StandardOutput.Contains("# skipped 0", StringComparison.Ordinal), $"a test was skipped (the daemon tests need OD_BINARY)\n{test}");
    }

    private static async Task<CliResult> RunAsync(string directory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OD_BINARY"] = OdBinary.Path;
        info.Environment.Remove("OD_HOME");
        info.Environment.Remove("OD_SOCKET");
        info.Environment["NO_COLOR"] = "1";
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        try
        {
            await npm.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            npm.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(npm.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenDaemon.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no OpenDaemon.slnx above {AppContext.BaseDirectory}");
    }
}
