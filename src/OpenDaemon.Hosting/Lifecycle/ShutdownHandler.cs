namespace OpenDaemon.Hosting.Lifecycle;

/// <summary>Cleanup run on shutdown. The token is cancelled when the shutdown deadline passes.</summary>
public delegate Task ShutdownHandler(CancellationToken cancellationToken);
