namespace OpenDaemon.Plugins.Metrics.Runtime;

/// <summary>
/// Where the Node runtime metrics travel: the preload the process manager adds to Node apps
/// (<c>--require</c> in NODE_OPTIONS) and the socket the metrics plugin listens on (OD_METRICS_SOCKET).
/// </summary>
/// <param name="PreloadPath">Where the preload is written at daemon start (<c>$OD_HOME/state/runtime-preload.cjs</c>).</param>
/// <param name="SocketPath">The metrics plugin's socket; keep it short (socket paths are limited to 108 bytes).</param>
public sealed record RuntimeMetricsChannel(string PreloadPath, string SocketPath);
