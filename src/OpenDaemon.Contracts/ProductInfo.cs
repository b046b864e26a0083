namespace OpenDaemon.Contracts;

/// <summary>Facts about this build of OpenDaemon shared by the CLI and the daemon.</summary>
public static partial class ProductInfo
{
    /// <summary>The name used for runtime directories, e.g. <c>/run/user/1000/opendaemon/</c>.</summary>
    public const string AppName = "opendaemon";

    /// <summary>Version of the IPC protocol; bumped on incompatible wire changes.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>OpenDaemon's version (the build's <c>Version</c> property, written in at build time).</summary>
    public static string Version => BuildVersion;
}
