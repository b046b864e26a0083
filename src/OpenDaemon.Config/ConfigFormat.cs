namespace OpenDaemon.Config;

/// <summary>The file formats a configuration can be written in (spec §4.1).</summary>
public enum ConfigFormat
{
    /// <summary><c>opendaemon.config.ts</c>, evaluated by node with type stripping.</summary>
    TypeScript,

    /// <summary><c>.js</c>, <c>.mjs</c> or <c>.cjs</c>, evaluated by node.</summary>
    JavaScript,

    /// <summary><c>opendaemon.config.json</c> (comments and trailing commas allowed).</summary>
    Json,

    /// <summary><c>opendaemon.config.yaml</c> or <c>.yml</c>.</summary>
    Yaml,

    /// <summary><c>.opendaemonrc</c>, JSON.</summary>
    RcJson,

    /// <summary>The <c>"opendaemon"</c> field of <c>package.json</c>.</summary>
    PackageJson,
}
