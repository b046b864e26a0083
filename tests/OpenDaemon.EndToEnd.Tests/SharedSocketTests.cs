using System.Diagnostics;
using OpenDaemon.EndToEnd.Tests.Support;
using OpenDaemon.Testing;

namespace OpenDaemon.EndToEnd.Tests;

/// <summary>
/// A daemon shared with a group (daemon.socketGroup + socketAuth: token): a member of the group running as
/// another user (nobody, with group 1 "daemon") reaches it with OD_TRUST_DAEMON_UID and OD_TOKEN, and is
/// refused without the token.
/// </summary>
public sealed class SharedSocketTests : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly OdSandbox _od = new();
    private readonly string _socketDirectory = Path.Combine("/tmp", "od-shared-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _nobodyHome = Path.Combine("/tmp", "od-nobody-" + Guid.NewGuid().ToString("N")[..8]);

    // xunit 2 disposes a test class through IAsyncLifetime, not IAsyncDisposable: without it the daemon outlived the test.
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _od.DisposeAsync();
        Directory.Delete(_socketDirectory, recursive: true);
        Directory.Delete(_nobodyHome, recursive: true);
    }

    [RootFact]
    public async Task GroupMember_WithToken_IsServed_WithoutToken_IsUnauthorized()
    {
        var socket = Path.Combine(_socketDirectory, "daemon.sock");
        _od.Environment["OD_SOCKET"] = socket;
        var config = Path.Combine(_od.Home, "opendaemon.config.yaml");
        await File.WriteAllTextAsync(config, "daemon:\n  socketGroup: 1\n  socketAuth: token\napps:\n  - name: a\n    script: /bin/sleep\n    args: ['60']\n    autoRestart: false\n");
        Assert.Equal(0, (await _od.RunAsync("daemon", "start", "-c", config)).ExitCode);
        var token = (await _od.RunAsync("api", "token")).StandardOutput.Trim();
        Directory.CreateDirectory(_nobodyHome);
        await RunAsRootAsync("chown", "65534:65534", _nobodyHome);

        var served = await RunAsNobodyAsync(socket, token, "list", "--json");
        var refused = await RunAsNobodyAsync(socket, token: null, "list", "--json");

        Assert.True(served.ExitCode == 0, served.ToString());
        Assert.Contains("\"a\"", served.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("UNAUTHORIZED", refused.StandardOutput + refused.StandardError, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsNobodyAsync(string socket, string? token, params string[] arguments) =>
        AsNobody.RunOdAsync(
            _nobodyHome,
            new Dictionary<string, string?>
            {
                ["OD_HOME"] = Path.Combine(_nobodyHome, ".opendaemon"),
                ["OD_SOCKET"] = socket,
                ["OD_TRUST_DAEMON_UID"] = "0",
                ["OD_TOKEN"] = token,
            },
            groups: "1",
            arguments);

    private static async Task RunAsRootAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
    }
}
