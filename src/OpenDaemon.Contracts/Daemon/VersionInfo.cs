namespace OpenDaemon.Contracts.Daemon;

/// <summary>Answer to <c>daemon.version</c>.</summary>
/// <param name="Version">OpenDaemon's version.</param>
/// <param name="Runtime">The .NET runtime description, e.g. ".NET 10.0.1".</param>
/// <param name="Os">The operating system description.</param>
/// <param name="ProtocolVersion">The IPC protocol version the daemon speaks.</param>
public sealed record VersionInfo(string Version, string Runtime, string Os, int ProtocolVersion);
