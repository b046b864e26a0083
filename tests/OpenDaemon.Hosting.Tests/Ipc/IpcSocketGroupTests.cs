using OpenDaemon.Hosting.Ipc;

namespace OpenDaemon.Hosting.Tests.Ipc;

/// <summary>The socket group: the socket 0660 owned by that group, its directory searchable (never writable) by it.</summary>
public sealed class IpcSocketGroupTests : IAsyncLifetime
{
    private const uint DaemonGroup = 1; // "daemon" on Debian; any group root may chgrp to

    private readonly IpcTestEnvironment _env = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes a test class through IAsyncLifetime only; IAsyncDisposable alone is never called.
    public Task DisposeAsync() => _env.DisposeAsync().AsTask();

    [RootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_WithSocketGroup_Socket0660AndDirectory0710OwnedByGroup()
    {
        File.SetUnixFileMode(_env.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await _env.StartServerAsync(new IpcServerOptions { SocketPath = _env.SocketPath, SocketGroupId = DaemonGroup }, DelegateHandler.Echo);

        Assert.Equal("660 1", Stat(_env.SocketPath));
        Assert.Equal("710 1", Stat(_env.Directory));
    }

    [Fact]
    public async Task Start_WithoutSocketGroup_Socket0600()
    {
        await _env.StartServerAsync(new IpcServerOptions { SocketPath = _env.SocketPath }, DelegateHandler.Echo);

        Assert.StartsWith("600 ", Stat(_env.SocketPath), StringComparison.Ordinal);
    }

    private static string Stat(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%a %g", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return text;
    }
}
