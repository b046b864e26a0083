namespace OpenDaemon.Config.Loading;

/// <summary>A 1-based line and column in a config file.</summary>
internal readonly record struct SourcePosition(int Line, int Column);
