namespace OpenDaemon.Daemon.Startup;

/// <summary>The API while it serves (<see cref="ApiHosting"/>); disposing it stops it.</summary>
internal interface IRunningApi : IAsyncDisposable
{
    /// <summary><c>http://127.0.0.1:9615</c>: what clients connect to.</summary>
    string BaseUrl { get; }

    /// <summary>WebSocket clients connected now.</summary>
    long WebSocketClients { get; }
}
