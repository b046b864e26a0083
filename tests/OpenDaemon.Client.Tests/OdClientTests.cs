using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Environment;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Ipc;

namespace OpenDaemon.Client.Tests;

public sealed class OdClientTests
{
    [Fact]
    public async Task ConnectAsync_NoDaemon_FailsWithDaemonNotRunningAndHint()
    {
        var home = Directory.CreateTempSubdirectory("od-ct-").FullName;
        try
        {
            var options = new OdClientOptions { Environment = new OdEnvironment(home, true, null) };

            var error = await Assert.ThrowsAsync<DaemonException>(() => OdClient.ConnectAsync(options)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(ErrorCode.DaemonNotRunning, error.Code);
            Assert.Contains(Path.Combine(home, "daemon.sock"), error.Message, StringComparison.Ordinal);
            Assert.Contains("od daemon start", error.Hint, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void ResolvePaths_ExplicitHome_PutsRuntimeFilesInside()
    {
        var options = new OdClientOptions { Environment = new OdEnvironment("/srv/od", true, null) };

        var paths = OdClient.ResolvePaths(options);

        Assert.Equal("/srv/od/daemon.sock", paths.SocketPath);
        Assert.Equal("/srv/od/daemon.pid", paths.PidPath);
        Assert.Equal("/srv/od/daemon.lock", paths.LockPath);
    }

    [Fact]
    public void ResolvePaths_SocketOverride_MovesSocketOnly()
    {
        var options = new OdClientOptions { Environment = new OdEnvironment("/srv/od", true, "/tmp/x.sock") };

        var paths = OdClient.ResolvePaths(options);

        Assert.Equal("/tmp/x.sock", paths.SocketPath);
        Assert.Equal("/srv/od/daemon.pid", paths.PidPath);
    }

    [Fact]
    public void FromRpcError_WithErrorInfoData_KeepsCodeMessageAndHint()
    {
        var data = JsonSerializer.SerializeToElement(new ErrorInfo(ErrorCode.ProcessNotFound, "no app named api", "see 'od ls'"), ContractsJsonContext.Default.ErrorInfo);

        var error = ClientErrors.FromRpcError(new JsonRpcError(JsonRpcError.ServerError, "no app named api", data));

        Assert.Equal(ErrorCode.ProcessNotFound, error.Code);
        Assert.Equal("no app named api", error.Message);
        Assert.Equal("see 'od ls'", error.Hint);
    }

    [Fact]
    public void FromRpcError_WithoutData_MapsTheJsonRpcCode()
    {
        var error = ClientErrors.FromRpcError(new JsonRpcError(JsonRpcError.MethodNotFound, "Method not found"));

        Assert.Equal(ErrorCode.MethodNotFound, error.Code);
    }

    [Fact]
    public void FromConnectionError_Timeout_IsIpcTimeoutWithHint()
    {
        var error = ClientErrors.FromConnectionError(new ConnectionTimeoutException("timed out", TimeSpan.FromSeconds(2)), "/tmp/s");

        Assert.Equal(ErrorCode.IpcTimeout, error.Code);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void FromConnectionError_ConnectionLost_SaysTheDaemonClosedItAndBlamesNoVersion()
    {
        var reset = new ProtocolException("the connection to the daemon broke (Connection reset by peer)", null, connectionLost: true);

        var error = ClientErrors.FromConnectionError(reset, "/tmp/s");

        Assert.Equal(ErrorCode.IpcError, error.Code);
        Assert.Contains("closed the connection before it answered", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection reset by peer", error.Message, StringComparison.Ordinal);
        Assert.Contains("od daemon status", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("version", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConnectionError_MalformedFrame_StillSuggestsAVersionMismatch()
    {
        var error = ClientErrors.FromConnectionError(new ProtocolException("unknown frame type 0x42"), "/tmp/s");

        Assert.Equal(ErrorCode.IpcError, error.Code);
        Assert.Contains("different versions", error.Hint, StringComparison.Ordinal);
    }
}
