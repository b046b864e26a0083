namespace OpenDaemon.Contracts.Plugins;

/// <summary>Answer to <c>plugin.list</c>, in start order.</summary>
/// <param name="Plugins">Every registered plugin.</param>
public sealed record PluginList(IReadOnlyList<PluginSummary> Plugins);
