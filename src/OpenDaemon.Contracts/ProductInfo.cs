using System.Reflection;

namespace OpenDaemon.Contracts;

/// <summary>Facts about this build of OpenDaemon shared by the CLI and the daemon.</summary>
public static class ProductInfo
{
    /// <summary>The name used for runtime directories, e.g. <c>/run/user/1000/opendaemon/</c>.</summary>
    public const string AppName = "opendaemon";

    /// <summary>Version of the IPC protocol; bumped on incompatible wire changes.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>OpenDaemon's version (informational version without source-revision suffix).</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(ProductInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
