namespace OpenDaemon.Contracts.Plugins;

/// <summary>Parameters of <c>plugin.info</c>, <c>plugin.enable</c> and <c>plugin.disable</c>.</summary>
/// <param name="Name">The plugin's name.</param>
public sealed record PluginNameParams(string Name);
